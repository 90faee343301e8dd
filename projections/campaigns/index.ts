import { campaignAnswerEvidence } from '../../services/campaign/answer-events';
import { campaignEvidence, campaignEvidenceContext } from '../../services/campaign/events';
import type { ReadSlice } from '../read-slice';
import { campaignsCalendar } from './calendar';
import { campaignsProjection } from './projection';

export const campaignsReadSlice: ReadSlice = {
  name: 'campaigns',
  projections: [campaignsProjection],
  evidence: { ...campaignEvidence, ...campaignAnswerEvidence },
  evidenceContext: campaignEvidenceContext,
  calendar: campaignsCalendar,
};
