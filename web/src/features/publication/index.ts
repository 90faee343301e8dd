import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { publicationMessages } from './messages';

/** Published result figures, indicator 2 (the `publication` slice). */
export const publication: Feature<typeof publicationMessages> = {
  routes: [
    {
      path: '/publication',
      page: lazyPage(() => import('./PublicationPage'), 'PublicationPage'),
      layout: 'signedIn',
      navLabel: 'publication.nav',
    },
  ],
  messages: publicationMessages,
};
