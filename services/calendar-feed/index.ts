import type { Db } from '../db/database';
import type { WriteSlice } from '../slice';
import { type CalendarFeedTables, calendarFeedsMigration } from './migration';
import { calendarFeedRoutes } from './routes';

/** An erased member's feed goes with them. */
const eraseFeedOf = async (db: Db, subjectId: string) => {
  if (!subjectId.startsWith('user:')) return;
  await db
    .withTables<CalendarFeedTables>()
    .deleteFrom('calendar_feeds')
    .where('user_id', '=', subjectId.slice(5))
    .execute();
};

/** Each member's secret `.ics` address of the organisation's calendar. */
export const calendarFeedSlice: WriteSlice = {
  name: 'calendar-feed',
  routes: calendarFeedRoutes,
  migrations: [calendarFeedsMigration],
  eraseOutsideLog: eraseFeedOf,
};
