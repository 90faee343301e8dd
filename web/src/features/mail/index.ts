import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { mailMessages } from './messages';

/** The messages the application sent (the `mail` slice), for administrators. */
export const mail: Feature<typeof mailMessages> = {
  routes: [
    {
      path: '/mail',
      page: lazyPage(() => import('./MailPage'), 'MailPage'),
      layout: 'signedIn',
      navLabel: 'mail.nav',
      roles: ['admin'],
    },
  ],
  messages: mailMessages,
};
