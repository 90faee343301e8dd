import type { WriteSlice } from '../slice';
import { retentionRoutes } from './routes';

/**
 * Retention of personal data: each organisation's periods per category (a command); the reactor that erases
 * what is past its period is started by the composition root (services/retention/reactor.ts).
 */
export const retentionSlice: WriteSlice = { name: 'retention', routes: retentionRoutes };
