import type { Db } from '../../services/db/database';

/** One dated thing an organisation must do or watch for: on the dashboard's calendar and in the `.ics` feed. */
export interface CalendarItem {
  /** Stable across reads (the feed's UID): `<slice>:<kind>:<entity id>`. */
  id: string;
  /** What it is, e.g. `action_due`, `watch_note_to_exploit`, `nc_deadline`, `surveillance_window_opens`. */
  kind: string;
  /** The day it falls on, `YYYY-MM-DD` in Europe/Paris. */
  date: string;
  /** The last day of a span (an audit window), `YYYY-MM-DD`; absent for a single day. */
  endDate?: string;
  /** French, as shown to the user; never personal data of a third party (a complainant, a learner). */
  title: string;
  /** The dashboard page it links to, e.g. `/actions/<id>`. */
  href: string;
  /** The RNQ indicator it concerns, when there is one. */
  indicator?: number;
  /** Past its day and not done. */
  overdue: boolean;
}

/** The days asked for, inclusive, `YYYY-MM-DD`. */
export interface CalendarRange {
  from: string;
  to: string;
}

/** What one slice puts on the calendar for an organisation over a range; `today` is the Paris day of the read. */
export type CalendarSource = (
  db: Db,
  organisationId: string,
  range: CalendarRange,
  today: string,
) => Promise<CalendarItem[]>;
