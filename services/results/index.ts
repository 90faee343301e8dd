import type { WriteSlice } from '../slice';
import { resultsRoutes } from './routes';

export const resultsSlice: WriteSlice = { name: 'results', routes: resultsRoutes };
