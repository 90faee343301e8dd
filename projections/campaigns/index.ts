import { campaignAnswerEvidence } from '../../services/campaign/answer-events';
import { campaignEvidence } from '../../services/campaign/events';
import type { ReadSlice } from '../read-slice';
import { campaignsCalendar } from './calendar';
import { campaignsProjection } from './projection';

export const campaignsReadSlice: ReadSlice = {
  name: 'campaigns',
  projections: [campaignsProjection],
  evidence: { ...campaignEvidence, ...campaignAnswerEvidence },
  calendar: campaignsCalendar,
};
