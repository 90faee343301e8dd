import type { WriteSlice } from '../slice';
import { contactLogRoutes } from './routes';

export const contactLogSlice: WriteSlice = { name: 'contact-log', routes: contactLogRoutes };
