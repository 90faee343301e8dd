import type { WriteSlice } from '../slice';
import { disabilityNetworkRoutes } from './routes';

/** The disability network (indicator 26): partners, the referent and their trainings, meetings held. */
export const disabilityNetworkSlice: WriteSlice = {
  name: 'disability-network',
  routes: disabilityNetworkRoutes,
};
