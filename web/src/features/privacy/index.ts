import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { privacyMessages } from './messages';

/** Subject access (the `privacy` slice): find a person by address, export or erase what is held, for admins. */
export const privacy: Feature<typeof privacyMessages> = {
  routes: [
    {
      path: '/personal-data',
      page: lazyPage(() => import('./PrivacyPage'), 'PrivacyPage'),
      layout: 'signedIn',
      navLabel: 'privacy.nav',
      roles: ['admin'],
    },
  ],
  messages: privacyMessages,
};
