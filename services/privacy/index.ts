import type { WriteSlice } from '../slice';
import { privacyRoutes } from './routes';

/** The erasure command; the vault itself is wired by the runtime (services/runtime.ts). */
export const privacySlice: WriteSlice = { name: 'privacy', routes: privacyRoutes };
