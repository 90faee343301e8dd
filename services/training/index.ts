import type { WriteSlice } from '../slice';
import { trainingRoutes } from './routes';

export const trainingSlice: WriteSlice = { name: 'training', routes: trainingRoutes };
