import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { bindersMessages } from './messages';

/** Audit binders: produce one for a period, follow its writing, download it, verify it (the `binder` slice). */
export const binders: Feature<typeof bindersMessages> = {
  routes: [
    {
      path: '/binders',
      page: lazyPage(() => import('./BindersPage'), 'BindersPage'),
      layout: 'signedIn',
      navLabel: 'binders.nav',
      roles: ['admin', 'quality_manager', 'auditor'],
    },
  ],
  messages: bindersMessages,
};
