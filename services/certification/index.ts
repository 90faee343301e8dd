import type { WriteSlice } from '../slice';
import { certificationRoutes } from './routes';

/** The certification journey: its steps, the certifier and quotes, the turnover band, label and reduced audit. */
export const certificationSlice: WriteSlice = {
  name: 'certification',
  routes: certificationRoutes,
};
