import type { WriteSlice } from '../slice';
import { publicationRoutes } from './routes';

export const publicationSlice: WriteSlice = { name: 'publication', routes: publicationRoutes };
