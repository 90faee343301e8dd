import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { auditorAccessMessages } from './messages';

/** Auditors' access links: the admin's page, and the page an auditor's link opens (the `auditor-access` slice). */
export const auditorAccess: Feature<typeof auditorAccessMessages> = {
  routes: [
    {
      path: '/auditor-access',
      page: lazyPage(() => import('./AuditorAccessPage'), 'AuditorAccessPage'),
      layout: 'signedIn',
      navLabel: 'auditorAccess.nav',
      roles: ['admin'],
    },
    {
      path: '/auditor/:token',
      page: lazyPage(() => import('./AuditorLandingPage'), 'AuditorLandingPage'),
      layout: 'public',
    },
  ],
  messages: auditorAccessMessages,
};
