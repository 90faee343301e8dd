import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { teamMessages } from './messages';

/** The team and one's own account (the server's `access` slice and `team` read model). */
export const team: Feature<typeof teamMessages> = {
  routes: [
    {
      path: '/team',
      page: lazyPage(() => import('./TeamPage'), 'TeamPage'),
      layout: 'signedIn',
      navLabel: 'team.nav',
      roles: ['admin'],
    },
    {
      path: '/security-log',
      page: lazyPage(() => import('./SecurityLogPage'), 'SecurityLogPage'),
      layout: 'signedIn',
      navLabel: 'securityLog.nav',
      roles: ['admin'],
    },
    {
      path: '/account',
      page: lazyPage(() => import('./AccountPage'), 'AccountPage'),
      layout: 'signedIn',
      navLabel: 'account.nav',
    },
    {
      path: '/invitation',
      page: lazyPage(() => import('./AcceptInvitationPage'), 'AcceptInvitationPage'),
      layout: 'public',
    },
    {
      path: '/forgot-password',
      page: lazyPage(() => import('./ForgotPasswordPage'), 'ForgotPasswordPage'),
      layout: 'public',
    },
    {
      path: '/reset-password',
      page: lazyPage(() => import('./ResetPasswordPage'), 'ResetPasswordPage'),
      layout: 'public',
    },
  ],
  messages: teamMessages,
};
