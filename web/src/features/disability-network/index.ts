import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { disabilityNetworkMessages } from './messages';

/** The disability network of indicator 26 (the `disability-network` slice). */
export const disabilityNetwork: Feature<typeof disabilityNetworkMessages> = {
  routes: [
    {
      path: '/disability-network',
      page: lazyPage(() => import('./DisabilityNetworkPage'), 'DisabilityNetworkPage'),
      layout: 'signedIn',
      navLabel: 'disabilityNetwork.nav',
    },
  ],
  messages: disabilityNetworkMessages,
};
