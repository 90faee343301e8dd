import { trainingEvidence } from '../../services/training/events';
import type { ReadSlice } from '../read-slice';
import { trainingProjection } from './projection';

export const trainingReadSlice: ReadSlice = {
  name: 'training',
  projections: [trainingProjection],
  evidence: trainingEvidence,
};
