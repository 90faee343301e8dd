import type { WriteSlice } from '../slice';
import { feedbackRoutes } from './routes';

export const feedbackSlice: WriteSlice = { name: 'feedback', routes: feedbackRoutes };
