import { feedbackEvidence } from '../../services/feedback/events';
import type { ReadSlice } from '../read-slice';
import { feedbackProjection } from './projection';

export const feedbackReadSlice: ReadSlice = {
  name: 'feedback',
  projections: [feedbackProjection],
  evidence: feedbackEvidence,
};
