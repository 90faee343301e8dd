/** Date and number formatting; dates always in the Europe/Paris time zone. */
import { intlLocale } from './i18n';

const TIME_ZONE = 'Europe/Paris';

const cache = new Map<string, Intl.DateTimeFormat>();

function dateFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(language), { timeZone: TIME_ZONE, ...options });
    cache.set(key, format);
  }
  return format;
}

/** An ISO date-time (`2026-03-01T09:30:00Z`) as a Paris date and time. */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A calendar date (`YYYY-MM-DD`), shown as is: noon UTC is the same day in Paris. */
export function formatDate(day: string, language: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return dateFormat(language, { dateStyle: 'long' }).format(date);
}

/** An average rating with at most one decimal (`4,3` in French). */
export function formatRating(value: number, language: string): string {
  return new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 1 }).format(value);
}
