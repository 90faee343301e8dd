import { complaintEvidence } from '../../services/complaints/events';
import { complaintImprovementEvidence } from '../../services/complaints/improvement';
import type { ReadSlice } from '../read-slice';
import { complaintsProjection } from './projection';

/** Complaints (indicator 31): the register, each complaint's timeline, the organisation's deadlines. */
export const complaintsReadSlice: ReadSlice = {
  name: 'complaints',
  projections: [complaintsProjection],
  evidence: { ...complaintEvidence, ...complaintImprovementEvidence },
};
