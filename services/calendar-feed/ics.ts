import type { CalendarItem } from '../../projections/calendar/item';
import { addCalendarDays } from '../kernel/working-days';

/**
 * RFC 5545 text of a calendar: CRLF line endings, lines folded at 75 octets (never inside a UTF-8 character),
 * TEXT values escaped, one all-day event per item (`VALUE=DATE`, exclusive `DTEND`), UIDs stable across reads.
 */

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** Escapes a TEXT value: backslash, semicolon, comma and newlines. */
export const escapeText = (value: string): string =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');

/** Folds one content line: at most 75 octets per line, continuation lines start with a space. */
export const foldLine = (line: string): string => {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      // The leading space of a continuation line counts in its 75 octets.
      limit = MAX_OCTETS - 1;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
};

const basicDate = (day: string) => day.replaceAll('-', '');
const stamp = (at: Date) => `${at.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

export interface IcsCalendar {
  name: string;
  /** The host that makes UIDs globally unique (`<item id>@<host>`). */
  host: string;
  /** Absolute base of the dashboard's links. */
  baseUrl: string;
  items: readonly CalendarItem[];
  now: Date;
}

/** The whole VCALENDAR object. */
export const renderIcs = ({ name, host, baseUrl, items, now }: IcsCalendar): string => {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Qualiopi evidence//Calendrier//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    'X-WR-TIMEZONE:Europe/Paris',
  ];
  for (const item of items) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(`${item.id}@${host}`)}`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART;VALUE=DATE:${basicDate(item.date)}`,
      `DTEND;VALUE=DATE:${basicDate(addCalendarDays(item.endDate ?? item.date, 1))}`,
      `SUMMARY:${escapeText(item.overdue ? `En retard — ${item.title}` : item.title)}`,
      `URL:${baseUrl}${item.href}`,
      `CATEGORIES:${escapeText(item.kind)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
};
