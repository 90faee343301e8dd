import type { WriteSlice } from '../slice';
import { auditsRoutes } from './routes';

export const auditsSlice: WriteSlice = { name: 'audits', routes: auditsRoutes };
