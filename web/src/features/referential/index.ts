import type { Feature } from '../feature';
import { referentialMessages } from './messages';
import { ReferentialPage } from './ReferentialPage';

/** The national quality referential (RNQ), as versioned data from the server. */
export const referential: Feature<typeof referentialMessages> = {
  routes: [{ path: '/referential', page: ReferentialPage, layout: 'signedIn', navLabel: 'referential.nav' }],
  messages: referentialMessages,
};

export { type IndicatorInForce, useIndicatorsInForce } from './referential';
