import { Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { NotFoundPage } from './components/NotFoundPage';
import { PublicLayout } from './components/PublicLayout';
import { routes } from './features';
import type { Layout } from './features/feature';

const pagesIn = (layout: Layout) =>
  routes
    .filter((route) => route.layout === layout)
    .map((route) => <Route key={route.path} path={route.path} Component={route.page} />);

/** The router, from the features' route table; unknown addresses get the not-found page in the signed-in frame. */
export function App() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>{pagesIn('public')}</Route>
      <Route element={<AppLayout />}>
        {pagesIn('signedIn')}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
