import type { ReadSlice } from '../read-slice';
import { selfAssessmentProjection } from './projection';

/** The self-assessment of each indicator: approach versions, linked evidence, ratings, each at its log position. */
export const selfAssessmentReadSlice: ReadSlice = {
  name: 'self-assessment',
  projections: [selfAssessmentProjection],
};
