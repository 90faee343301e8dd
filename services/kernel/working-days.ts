import { badRequest } from './errors';

/**
 * Working days of the Paris calendar: Monday to Friday, less French public holidays. Days are Paris calendar dates
 * (YYYY-MM-DD, see parisDate), so the change of hour never moves a deadline.
 */

/** Metropolitan France, or Alsace-Moselle, whose local law adds Good Friday and 26 December. */
export const HOLIDAY_CALENDARS = ['metropolitan', 'alsace_moselle'] as const;
export type HolidayCalendar = (typeof HOLIDAY_CALENDARS)[number];

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Midnight UTC of a calendar date: a plain day count, free of any time zone. */
const toUtc = (day: string): Date => {
  const match = DAY_PATTERN.exec(day);
  const at = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!at || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== day) {
    throw badRequest('invalid_date', 'A calendar date is written YYYY-MM-DD', { day });
  }
  return at;
};

const fromUtc = (at: Date): string => at.toISOString().slice(0, 10);

/** The calendar date `days` days after `day` (before it when negative). */
export const addCalendarDays = (day: string, days: number): string =>
  fromUtc(new Date(toUtc(day).getTime() + days * MS_PER_DAY));

/** Easter Sunday of a Gregorian year (the anonymous Gregorian computus: Meeus, Jones, Butcher). */
export const easterSunday = (year: number): string => {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw badRequest('invalid_year', 'Easter is computed for Gregorian years 1583 to 9999', { year });
  }
  const golden = year % 19;
  const century = Math.floor(year / 100);
  const yearOfCentury = year % 100;
  const leapCenturies = Math.floor(century / 4);
  const centuryRest = century % 4;
  const lunarCorrection = Math.floor((century + 8) / 25);
  const solarCorrection = Math.floor((century - lunarCorrection + 1) / 3);
  const epact = (19 * golden + century - leapCenturies - solarCorrection + 15) % 30;
  const leapYears = Math.floor(yearOfCentury / 4);
  const yearRest = yearOfCentury % 4;
  const weekday = (32 + 2 * centuryRest + 2 * leapYears - epact - yearRest) % 7;
  const shift = Math.floor((golden + 11 * epact + 22 * weekday) / 451);
  const sum = epact + weekday - 7 * shift + 114;
  const month = Math.floor(sum / 31);
  const day = (sum % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/** One public holiday: its date and its French name. */
export interface PublicHoliday {
  day: string;
  name: string;
}

const holidaysCache = new Map<string, readonly PublicHoliday[]>();

/** The public holidays of a year, in date order. */
export const publicHolidays = (
  year: number,
  calendar: HolidayCalendar = 'metropolitan',
): readonly PublicHoliday[] => {
  const key = `${calendar}:${year}`;
  const cached = holidaysCache.get(key);
  if (cached) return cached;
  const easter = easterSunday(year);
  const fixed = (monthDay: string, name: string): PublicHoliday => ({ day: `${year}-${monthDay}`, name });
  const movable = (offset: number, name: string): PublicHoliday => ({
    day: addCalendarDays(easter, offset),
    name,
  });
  const holidays: PublicHoliday[] = [
    fixed('01-01', 'Jour de l’an'),
    movable(1, 'Lundi de Pâques'),
    fixed('05-01', 'Fête du Travail'),
    fixed('05-08', 'Victoire 1945'),
    movable(39, 'Ascension'),
    movable(50, 'Lundi de Pentecôte'),
    fixed('07-14', 'Fête nationale'),
    fixed('08-15', 'Assomption'),
    fixed('11-01', 'Toussaint'),
    fixed('11-11', 'Armistice 1918'),
    fixed('12-25', 'Noël'),
  ];
  if (calendar === 'alsace_moselle') {
    holidays.push(movable(-2, 'Vendredi saint'), fixed('12-26', 'Saint-Étienne'));
  }
  const sorted = holidays.sort((a, b) => a.day.localeCompare(b.day));
  holidaysCache.set(key, sorted);
  return sorted;
};

/** The public holiday falling on a day, or null. */
export const publicHolidayOn = (
  day: string,
  calendar: HolidayCalendar = 'metropolitan',
): PublicHoliday | null =>
  publicHolidays(toUtc(day).getUTCFullYear(), calendar).find((holiday) => holiday.day === day) ?? null;

/** Whether a day is worked: Monday to Friday and not a public holiday. */
export const isWorkingDay = (day: string, calendar: HolidayCalendar = 'metropolitan'): boolean => {
  const weekday = toUtc(day).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return publicHolidayOn(day, calendar) === null;
};

/**
 * The n-th working day after `from` (`from` itself is not counted, worked or not): a complaint received on a Friday
 * to be acknowledged within 2 working days is due on the Tuesday. 0 answers `from`; a negative n counts back.
 */
export const addWorkingDays = (
  from: string,
  n: number,
  calendar: HolidayCalendar = 'metropolitan',
): string => {
  if (!Number.isInteger(n))
    throw badRequest('invalid_working_days', 'A number of working days is whole', { n });
  const step = n < 0 ? -1 : 1;
  let day = from;
  toUtc(day);
  for (let left = Math.abs(n); left > 0; ) {
    day = addCalendarDays(day, step);
    if (isWorkingDay(day, calendar)) left -= 1;
  }
  return day;
};

/**
 * The working days after `from` up to and including `to`: how long something took in working days, so that
 * `workingDaysBetween(a, addWorkingDays(a, n)) === n`. Negative when `to` is before `from`.
 */
export const workingDaysBetween = (
  from: string,
  to: string,
  calendar: HolidayCalendar = 'metropolitan',
): number => {
  if (to < from) {
    const back = workingDaysBetween(to, from, calendar);
    return back === 0 ? 0 : -back;
  }
  const end = toUtc(to).getTime();
  let count = 0;
  for (let at = toUtc(from).getTime() + MS_PER_DAY; at <= end; at += MS_PER_DAY) {
    if (isWorkingDay(fromUtc(new Date(at)), calendar)) count += 1;
  }
  return count;
};
