import type { WriteSlice } from '../slice';
import { campaignRoutes } from './routes';

export const campaignSlice: WriteSlice = { name: 'campaign', routes: campaignRoutes };
