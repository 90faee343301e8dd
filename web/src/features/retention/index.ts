import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { retentionMessages } from './messages';

/** How long each category of personal data is kept (the `retention` slice), for administrators. */
export const retention: Feature<typeof retentionMessages> = {
  routes: [
    {
      path: '/retention',
      page: lazyPage(() => import('./RetentionPage'), 'RetentionPage'),
      layout: 'signedIn',
      navLabel: 'retention.nav',
      roles: ['admin'],
    },
  ],
  messages: retentionMessages,
};
