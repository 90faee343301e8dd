import { disabilityNetworkEvidence } from '../../services/disability-network/events';
import type { ReadSlice } from '../read-slice';

/** The disability network's facts on indicator 26's evidence (its own register and page are still to come). */
export const disabilityNetworkReadSlice: ReadSlice = {
  name: 'disability-network',
  projections: [],
  evidence: disabilityNetworkEvidence,
};
