import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { useFocusMainOnNavigate } from '../hooks/useFocusMainOnNavigate';
import { Loading } from './Loading';
import { PublicFrame } from './PublicFrame';

/** Layout of the app's pages reachable without an account: setup and login. */
export function PublicLayout() {
  useFocusMainOnNavigate();
  return (
    <PublicFrame>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </PublicFrame>
  );
}
