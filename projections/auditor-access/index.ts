import type { ReadSlice } from '../read-slice';
import { auditorAccessProjection } from './projection';

/** Auditors' links and their uses, for the admin (no evidence: they record who looked, not what was done). */
export const auditorAccessReadSlice: ReadSlice = {
  name: 'auditor-access',
  projections: [auditorAccessProjection],
};
