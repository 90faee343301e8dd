/**
 * The one place numbers, dates and delays become text: French conventions in French (`18 000` with a narrow
 * no-break space, `4,2`), British ones in English, and every date in the Europe/Paris time zone whatever the
 * browser's own zone. Translations format their numbers here too (`{{count, number}}`, see `i18n.ts`).
 */

const TIME_ZONE = 'Europe/Paris';

/** The locale for `Intl` formatting of an interface language. */
const intlLocale = (language: string): string => (language === 'en' ? 'en-GB' : 'fr-FR');

const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

/** One formatter per language and options: building them is slow, and pages format hundreds of values. */
function cached<Format extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  build: () => Format,
): Format {
  let format = formats.get(key);
  if (!format) {
    format = build();
    formats.set(key, format);
  }
  return format as Format;
}

function dateFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(
    `date|${language}|${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(intlLocale(language), { timeZone: TIME_ZONE, ...options }),
  );
}

/** A count or any whole number: `18 000` in French, `18,000` in English. */
export function formatNumber(value: number, language: string): string {
  return cached(`number|${language}`, () => new Intl.NumberFormat(intlLocale(language))).format(value);
}

/** A rating with at most one decimal: `4,2` in French. */
export function formatRating(value: number, language: string): string {
  return cached(
    `rating|${language}`,
    () => new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 1 }),
  ).format(value);
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

/** A wait before trying again, from now: `dans 5 secondes`, `dans 2 minutes` (`in 5 seconds`). */
export function formatDelay(seconds: number, language: string): string {
  const format = cached(
    `relative|${language}`,
    () => new Intl.RelativeTimeFormat(intlLocale(language), { numeric: 'always' }),
  );
  const whole = Math.max(1, Math.ceil(seconds));
  return whole < 60 ? format.format(whole, 'second') : format.format(Math.ceil(whole / 60), 'minute');
}

/** A Paris month (`YYYY-MM`) as people write it: `mars 2027`, `Mar 2027`. */
export function formatMonth(month: string, language: string): string {
  const date = new Date(`${month}-15T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return dateFormat(language, { month: 'short', year: 'numeric' }).format(date);
}

/** A share (0–1) as a whole percentage: `50 %` in French. */
export function formatPercent(value: number, language: string): string {
  return cached(
    `percent|${language}`,
    () => new Intl.NumberFormat(intlLocale(language), { style: 'percent', maximumFractionDigits: 0 }),
  ).format(value);
}

/** A file's size as people read it: kilo- or megabytes, one decimal at most (ko/Mo in French). */
export function formatSize(bytes: number, language: string): string {
  const megabytes = bytes / (1024 * 1024);
  const format = (value: number) =>
    new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
  return megabytes >= 1
    ? `${format(megabytes)} ${language.startsWith('fr') ? 'Mo' : 'MB'}`
    : `${format(bytes / 1024)} ${language.startsWith('fr') ? 'ko' : 'kB'}`;
}

/** Today's date in Paris, YYYY-MM-DD: what date fields start from and may not pass. */
export const parisToday = (): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
