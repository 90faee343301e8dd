import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { referentialMessages } from './messages';

/** The national quality referential (RNQ), as versioned data from the server. */
export const referential: Feature<typeof referentialMessages> = {
  routes: [
    {
      path: '/referential',
      page: lazyPage(() => import('./ReferentialPage'), 'ReferentialPage'),
      layout: 'signedIn',
      navLabel: 'referential.nav',
    },
  ],
  messages: referentialMessages,
};

export { type IndicatorInForce, useIndicatorsInForce, useOrganisationApplicability } from './referential';
