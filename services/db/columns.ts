import type { ColumnType } from 'kysely';

/** A timestamptz column: read as a Date, written as a Date or an ISO string (event metadata carries strings). */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A date column, read and written as a Paris calendar date `YYYY-MM-DD` (the drivers leave dates as text). */
export type CalendarDate = string;
