import { describe, expect, it } from 'vitest';
import { parisTime } from '../kernel/paris-time';
import { frenchDateTime } from './french';

/** What Intl says of an instant in Paris: the reference the cached offsets must agree with. */
const reference = (instant: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
};

describe('Paris wall-clock time of an instant', () => {
  it.each([
    ['2026-03-29T00:59:59.999Z', '29/03/2026 01:59'], // the last winter second
    ['2026-03-29T01:00:00.000Z', '29/03/2026 03:00'], // clocks go forward
    ['2026-10-25T00:59:59.000Z', '25/10/2026 02:59'], // the last summer second
    ['2026-10-25T01:00:00.000Z', '25/10/2026 02:00'], // clocks go back: 02:00 again
    ['2026-12-31T23:30:00.000Z', '01/01/2027 00:30'], // a new year in Paris before UTC
  ])('dates %s as %s around the clock changes', (instant, expected) => {
    expect(frenchDateTime(instant)).toBe(expected);
    expect(parisTime(instant)).toEqual(reference(instant));
  });

  it('agrees with Intl on instants spread over ten years', () => {
    let ms = Date.UTC(2020, 0, 1);
    const end = Date.UTC(2030, 0, 1);
    while (ms < end) {
      const instant = new Date(ms).toISOString();
      expect(parisTime(instant), instant).toEqual(reference(instant));
      ms += 3 * 86_400_000 + 5 * 3_600_000 + 37; // three days and five hours on: every hour of the day, every season
    }
  });
});
