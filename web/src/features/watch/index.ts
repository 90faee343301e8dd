import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { watchMessages } from './messages';

/** The watch register (criterion 6, indicators 23–26): the `watch` slice. */
export const watch: Feature<typeof watchMessages> = {
  routes: [
    {
      path: '/watch',
      page: lazyPage(() => import('./WatchRegisterPage'), 'WatchRegisterPage'),
      layout: 'signedIn',
      navLabel: 'watch.nav',
    },
    {
      path: '/watch/:id',
      page: lazyPage(() => import('./WatchNotePage'), 'WatchNotePage'),
      layout: 'signedIn',
    },
  ],
  messages: watchMessages,
};
