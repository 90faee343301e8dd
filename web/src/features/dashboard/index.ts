import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { dashboardMessages } from './messages';

/** The home page: key figures and evidence at a glance. */
export const dashboard: Feature<typeof dashboardMessages> = {
  routes: [
    {
      path: '/',
      page: lazyPage(() => import('./DashboardPage'), 'DashboardPage'),
      layout: 'signedIn',
      navLabel: 'dashboard.nav',
    },
  ],
  messages: dashboardMessages,
};
