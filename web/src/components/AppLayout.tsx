import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useViewer } from '../data/viewer';
import { useFocusMainOnNavigate } from '../hooks/useFocusMainOnNavigate';
import { AppHeader } from './AppHeader';
import { Loading } from './Loading';
import { QueryError } from './QueryError';
import { SkipLink } from './SkipLink';

/** Layout of the authenticated pages; without a signed-in user, redirects to the login page. */
export function AppLayout() {
  const location = useLocation();
  const viewer = useViewer();
  useFocusMainOnNavigate();

  if (viewer.isPending) {
    return (
      <main id="main" className="container">
        <Loading />
      </main>
    );
  }
  if (viewer.isError && !viewer.data) {
    return (
      <main id="main" className="container">
        <QueryError error={viewer.error} onRetry={() => void viewer.refetch()} />
      </main>
    );
  }
  if (!viewer.data) {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return (
    <>
      <SkipLink />
      <AppHeader viewer={viewer.data} />
      <main id="main" tabIndex={-1} className="container">
        {/* A page's code loads on its first visit: the same notice as while its data loads. */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
