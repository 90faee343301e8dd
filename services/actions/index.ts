import type { WriteSlice } from '../slice';
import { actionRoutes } from './routes';

/** Improvement actions (indicator 32): the plan fed by feedback, complaints and incidents, checked for effectiveness. */
export const actionsSlice: WriteSlice = { name: 'actions', routes: actionRoutes };
