/** France's civil time zone: every calendar date in the product is a date in Paris. */
export const PARIS = 'Europe/Paris';

const offsetFormatter = new Intl.DateTimeFormat('en-US', { timeZone: PARIS, timeZoneName: 'longOffset' });

/** Paris's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export const parisOffsetMinutes = (at: Date): number => {
  const name = offsetFormatter.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
};

/** The instant a Paris calendar date (YYYY-MM-DD) begins. DST changes happen at night, never at midnight. */
export const startOfParisDay = (date: string): Date => {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  return new Date(utcMidnight.getTime() - parisOffsetMinutes(utcMidnight) * 60_000);
};

/** The instant the Paris calendar date after `date` begins (an exclusive end for an inclusive `to`). */
export const startOfNextParisDay = (date: string): Date => {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return startOfParisDay(next.toISOString().slice(0, 10));
};

/** A calendar date as the French write it: 2026-03-02 → 02/03/2026. */
export const frenchDate = (date: string): string => date.split('-').reverse().join('/');

const calendarFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Paris calendar date (YYYY-MM-DD) of an instant. */
export const parisDate = (at: Date): string => calendarFormatter.format(at);

const wallClockFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A wall-clock time, as numbers (month 1–12), in no particular zone. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const HOUR_MS = 3_600_000;
/** Paris's offset from UTC (ms) per UTC hour: it changes only on the hour, so one Intl call serves the hour. */
const offsets = new Map<number, number>();

const offsetAt = (ms: number): number => {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const parts = Object.fromEntries(
      wallClockFormatter
        .formatToParts(new Date(hour * HOUR_MS))
        .map((part) => [part.type, Number(part.value)]),
    );
    const wall = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    offset = wall - hour * HOUR_MS;
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
};

/** The Paris wall-clock time of an ISO 8601 instant. */
export const parisTime = (instant: string): WallClock => {
  const ms = Date.parse(instant);
  const wall = new Date(ms + offsetAt(ms));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
};
