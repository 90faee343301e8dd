import type { WriteSlice } from '../slice';
import { watchRoutes } from './routes';

/** The watch register (criterion 6, indicators 23–25 and 26's disability watch): notes, their analysis, their communication. */
export const watchSlice: WriteSlice = { name: 'watch', routes: watchRoutes };
