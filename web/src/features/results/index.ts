import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { resultsMessages } from './messages';

/** Survey results: figures per question, trends, comments to review, export (the `results` slice). */
export const results: Feature<typeof resultsMessages> = {
  routes: [
    {
      path: '/results',
      page: lazyPage(() => import('./ResultsPage'), 'ResultsPage'),
      layout: 'signedIn',
      navLabel: 'results.nav',
    },
  ],
  messages: resultsMessages,
};
