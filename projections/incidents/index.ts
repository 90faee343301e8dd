import { incidentEvidence } from '../../services/complaints/incident-events';
import type { ReadSlice } from '../read-slice';
import { incidentsProjection } from './projection';

/** Difficulties and disruptions (indicator 31, and 12 or 26): the register and each record's steps. */
export const incidentsReadSlice: ReadSlice = {
  name: 'incidents',
  projections: [incidentsProjection],
  evidence: incidentEvidence,
};
