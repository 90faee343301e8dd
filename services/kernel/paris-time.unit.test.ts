import { describe, expect, it } from 'vitest';
import { parisDate, startOfParisDay } from './paris-time';

describe('Paris calendar dates', () => {
  it('reads the date in Paris, not in UTC, around midnight in winter and in summer', () => {
    expect(parisDate(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(parisDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
    expect(parisDate(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(parisDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });

  it('finds the date a Paris day starts on again', () => {
    for (const date of ['2026-01-15', '2026-03-29', '2026-07-14', '2026-10-25']) {
      expect(parisDate(startOfParisDay(date))).toBe(date);
    }
  });
});
