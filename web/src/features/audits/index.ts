import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { auditsMessages } from './messages';

/** The certification cycle, audits and their non-conformities (the `audits` slice). */
export const audits: Feature<typeof auditsMessages> = {
  routes: [
    {
      path: '/audits',
      page: lazyPage(() => import('./AuditsPage'), 'AuditsPage'),
      layout: 'signedIn',
      navLabel: 'audits.nav',
    },
    { path: '/audits/:id', page: lazyPage(() => import('./AuditPage'), 'AuditPage'), layout: 'signedIn' },
  ],
  messages: auditsMessages,
};
