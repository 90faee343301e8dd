import { disabilityNetworkEvidence } from '../../services/disability-network/events';
import type { ReadSlice } from '../read-slice';
import { disabilityNetworkProjection } from './projection';

/** The disability network (indicator 26): partners, referent, meetings, and their evidence. */
export const disabilityNetworkReadSlice: ReadSlice = {
  name: 'disability-network',
  projections: [disabilityNetworkProjection],
  evidence: disabilityNetworkEvidence,
};
