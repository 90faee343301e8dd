import { resultsEvidence } from '../../services/results/events';
import type { ReadSlice } from '../read-slice';
import { resultsProjection } from './projection';

export const resultsReadSlice: ReadSlice = {
  name: 'results',
  projections: [resultsProjection],
  evidence: resultsEvidence,
};
