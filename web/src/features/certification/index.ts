import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { certificationMessages } from './messages';

export { JourneyChecklistPanel } from './JourneyChecklistPanel';

/** The certification journey and the audit's planning (the `certification` slice). */
export const certification: Feature<typeof certificationMessages> = {
  routes: [
    {
      path: '/certification',
      page: lazyPage(() => import('./CertificationPage'), 'CertificationPage'),
      layout: 'signedIn',
      navLabel: 'certification.nav',
    },
  ],
  messages: certificationMessages,
};
