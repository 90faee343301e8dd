import {
  auditEvidence,
  nonConformityActionEvidence,
  nonConformityEvidence,
} from '../../services/audits/events';
import type { ReadSlice } from '../read-slice';
import { auditsCalendar } from './calendar';
import { auditsProjection } from './projection';

/** The certification cycle: audits, their non-conformities, and what they put on the calendar. */
export const auditsReadSlice: ReadSlice = {
  name: 'audits',
  projections: [auditsProjection],
  evidence: { ...auditEvidence, ...nonConformityEvidence, ...nonConformityActionEvidence },
  calendar: auditsCalendar,
};
