import type { Db } from '../../services/db/database';
import { readSlices } from '../index';
import type { CalendarItem, CalendarRange } from './item';

/** Longest range one read may ask for, in days (a feed or a page shows a year or so). */
export const MAX_CALENDAR_DAYS = 800;

/** Every slice's dated items for the organisation over the range, by day, then title. */
export const calendarOf = async (
  db: Db,
  organisationId: string,
  range: CalendarRange,
  today: string,
): Promise<CalendarItem[]> => {
  const sources = readSlices.flatMap((slice) => (slice.calendar ? [slice.calendar] : []));
  const items = (await Promise.all(sources.map((source) => source(db, organisationId, range, today)))).flat();
  return items.sort(
    (a, b) =>
      a.date.localeCompare(b.date) || a.title.localeCompare(b.title, 'fr') || a.id.localeCompare(b.id),
  );
};
