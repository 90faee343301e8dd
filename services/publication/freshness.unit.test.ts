import { describe, expect, it } from 'vitest';
import { freshnessOf, isStale } from './freshness';

describe('freshness of published results', () => {
  it('holds figures up to date for 12 months to the day, then out of date', () => {
    expect(isStale('2025-07-15', '2026-07-15')).toBe(false);
    expect(isStale('2025-07-15', '2026-07-16')).toBe(true);
  });

  it('warns when nothing is published, or when any current snapshot is out of date', () => {
    expect(freshnessOf([], '2026-07-15')).toBe('none');
    expect(freshnessOf(['2026-01-10', '2025-01-10'], '2026-07-15')).toBe('stale');
    expect(freshnessOf(['2026-01-10'], '2026-07-15')).toBe('up_to_date');
  });
});
