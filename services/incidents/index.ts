import type { WriteSlice } from '../slice';
import { incidentRoutes } from './routes';

/** Difficulties and disruptions (indicator 31, and 12 or 26): the core lives beside complaints. */
export const incidentsSlice: WriteSlice = { name: 'incidents', routes: incidentRoutes };
