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
