import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderIcs } from './ics';

describe('iCalendar text (RFC 5545)', () => {
  it.each([
    ['a,b', 'a\\,b'],
    ['a;b', 'a\\;b'],
    ['a\\b', 'a\\\\b'],
    ['ligne 1\nligne 2', 'ligne 1\\nligne 2'],
    ['ligne 1\r\nligne 2', 'ligne 1\\nligne 2'],
  ])('escapes %j as %j', (value, escaped) => {
    expect(escapeText(value)).toBe(escaped);
  });

  it('folds at 75 octets, never inside a UTF-8 character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const part of lines) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(lines.map((part, index) => (index === 0 ? part : part.slice(1))).join('')).toBe(line);
  });

  it('writes all-day events with an exclusive end that a parser reads back', () => {
    const text = renderIcs({
      name: 'Qualiopi — Formations, Conseil; et \\ Cie',
      host: 'example.fr',
      baseUrl: 'https://example.fr',
      now: new Date('2026-03-29T01:30:00Z'),
      items: [
        {
          id: 'audits:nc_deadline:1',
          kind: 'nc_deadline',
          date: '2028-02-29',
          title:
            'Échéance, « longue » ; avec des caractères spéciaux \\ et un titre qui dépasse largement la limite de soixante-quinze octets',
          href: '/audits/1',
          indicator: 12,
          overdue: false,
        },
        {
          id: 'audits:surveillance_window:2025-01-31',
          kind: 'surveillance_window',
          date: '2026-03-31',
          endDate: '2026-11-30',
          title: 'Fenêtre',
          href: '/audits',
          overdue: true,
        },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const calendar = new ICAL.Component(ICAL.parse(text));
    // An X- property is of unknown type to ical.js (it keeps the escapes); calendar applications read it as TEXT.
    expect(text).toContain('X-WR-CALNAME:Qualiopi — Formations\\, Conseil\\; et \\\\ Cie\r\n');
    const [deadline, window] = calendar.getAllSubcomponents('vevent').map((event) => new ICAL.Event(event));
    expect(deadline!.uid).toBe('audits:nc_deadline:1@example.fr');
    expect(deadline!.summary).toContain('« longue » ; avec');
    expect(deadline!.startDate.toString()).toBe('2028-02-29');
    expect(deadline!.endDate.toString()).toBe('2028-03-01');
    expect(window!.endDate.toString()).toBe('2026-12-01');
    expect(window!.summary).toBe('En retard — Fenêtre');
    expect(calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('dtstamp')!.toString()).toBe(
      '2026-03-29T01:30:00Z',
    );
  });
});
