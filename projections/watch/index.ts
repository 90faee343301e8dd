import { watchNoteEvidence } from '../../services/watch/events';
import type { ReadSlice } from '../read-slice';
import { watchProjection } from './projection';
import { watchCalendar } from './queries';

/** The watch register (criterion 6): notes, their steps and actions asked for, the delay, the notes to exploit. */
export const watchReadSlice: ReadSlice = {
  name: 'watch',
  projections: [watchProjection],
  evidence: watchNoteEvidence,
  calendar: watchCalendar,
};
