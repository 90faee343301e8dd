import type { WriteSlice } from '../slice';
import { complaintRoutes } from './routes';

/** Complaints (indicator 31): their intake by staff, their handling, and the organisation's deadlines. */
export const complaintsSlice: WriteSlice = { name: 'complaints', routes: complaintRoutes };
