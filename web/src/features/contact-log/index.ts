import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { contactLogMessages } from './messages';

/** Contacts with funders and companies, evidence for indicator 30 (the `contact-log` slice). */
export const contactLog: Feature<typeof contactLogMessages> = {
  routes: [
    {
      path: '/contacts',
      page: lazyPage(() => import('./ContactsPage'), 'ContactsPage'),
      layout: 'signedIn',
      navLabel: 'contacts.nav',
    },
    {
      path: '/contacts/:id',
      page: lazyPage(() => import('./ContactPage'), 'ContactPage'),
      layout: 'signedIn',
    },
  ],
  messages: contactLogMessages,
};
