import type { Feature } from '../feature';
import { DashboardPage } from './DashboardPage';
import { dashboardMessages } from './messages';

/** The home page: key figures and evidence at a glance. */
export const dashboard: Feature<typeof dashboardMessages> = {
  routes: [{ path: '/', page: DashboardPage, layout: 'signedIn', navLabel: 'dashboard.nav' }],
  messages: dashboardMessages,
};
