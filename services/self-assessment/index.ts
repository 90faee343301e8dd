import type { WriteSlice } from '../slice';
import { selfAssessmentRoutes } from './routes';

/** The self-assessment of each applicable indicator, and the preparatory document drawn from it. */
export const selfAssessmentSlice: WriteSlice = { name: 'self-assessment', routes: selfAssessmentRoutes };
