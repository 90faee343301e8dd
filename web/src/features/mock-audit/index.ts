import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { mockAuditMessages } from './messages';

/** Mock audits (pre-audits): the `mock-audit` slice. */
export const mockAudit: Feature<typeof mockAuditMessages> = {
  routes: [
    {
      path: '/mock-audits',
      page: lazyPage(() => import('./MockAuditsPage'), 'MockAuditsPage'),
      layout: 'signedIn',
      navLabel: 'mockAudits.nav',
    },
    {
      path: '/mock-audits/:id',
      page: lazyPage(() => import('./MockAuditPage'), 'MockAuditPage'),
      layout: 'signedIn',
    },
  ],
  messages: mockAuditMessages,
};
