import { actionEvidence } from '../../services/actions/events';
import type { ReadSlice } from '../read-slice';
import { actionsProjection } from './projection';
import { actionsCalendar } from './queries';

/** The improvement plan (indicator 32): each action, its steps and files, and their due dates on the calendar. */
export const actionsReadSlice: ReadSlice = {
  name: 'actions',
  projections: [actionsProjection],
  evidence: actionEvidence,
  calendar: actionsCalendar,
};
