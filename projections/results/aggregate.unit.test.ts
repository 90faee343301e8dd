import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD } from '../../services/results/events';
import { averageOf, fullDistribution, isLowScore, npsOf, responseRate } from './aggregate';

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('results aggregation', () => {
  it('computes the NPS as % promoters minus % detractors, rounded', () => {
    // 3 promoters (9, 10, 10), 2 passives (7, 8), 2 detractors (0, 6): (3 − 2) / 7 = 14.28… %.
    expect(npsOf(counts({ 0: 1, 6: 1, 7: 1, 8: 1, 9: 1, 10: 2 }))).toEqual({
      promoters: 3,
      passives: 2,
      detractors: 2,
      score: 14,
    });
  });

  it('gives no NPS score without answers, and −100 when everyone is a detractor', () => {
    expect(npsOf(new Map()).score).toBeNull();
    expect(npsOf(counts({ 3: 4 })).score).toBe(-100);
  });

  it('averages scores weighted by their counts', () => {
    expect(averageOf(counts({ 1: 1, 4: 2, 5: 1 }))).toBe(3.5);
    expect(averageOf(new Map())).toBeNull();
  });

  it('lists every value of a rating, a yes/no and a choice, with zeros where nobody answered', () => {
    expect(fullDistribution('rating', counts({ 4: 2 }), [])).toEqual([
      { value: '1', count: 0 },
      { value: '2', count: 0 },
      { value: '3', count: 0 },
      { value: '4', count: 2 },
      { value: '5', count: 0 },
    ]);
    expect(fullDistribution('nps', new Map(), [])).toHaveLength(11);
    expect(fullDistribution('yes_no', counts({ no: 1 }), [])).toEqual([
      { value: 'yes', count: 0 },
      { value: 'no', count: 1 },
    ]);
    // An option an older version offered still shows when it was chosen.
    expect(fullDistribution('multiple_choice', counts({ b: 1, old: 2 }), ['a', 'b'])).toEqual([
      { value: 'a', count: 0 },
      { value: 'b', count: 1 },
      { value: 'old', count: 2 },
    ]);
  });

  it('flags satisfaction ratings and NPS at or under the threshold, never learning assessments', () => {
    const satisfaction = (kind: 'rating' | 'nps') => ({ kind, purpose: 'satisfaction' as const });
    expect(isLowScore(satisfaction('rating'), 2, DEFAULT_THRESHOLD)).toBe(true);
    expect(isLowScore(satisfaction('rating'), 3, DEFAULT_THRESHOLD)).toBe(false);
    expect(isLowScore(satisfaction('nps'), 6, DEFAULT_THRESHOLD)).toBe(true);
    expect(isLowScore(satisfaction('nps'), 7, DEFAULT_THRESHOLD)).toBe(false);
    expect(isLowScore(satisfaction('rating'), 3, { ratingAtMost: 3, npsAtMost: 6 })).toBe(true);
    expect(isLowScore({ kind: 'rating', purpose: 'learning_assessment' }, 1, DEFAULT_THRESHOLD)).toBe(false);
    expect(isLowScore({ kind: 'yes_no', purpose: 'satisfaction' }, null, DEFAULT_THRESHOLD)).toBe(false);
  });

  it('gives a response rate only when someone was asked by name', () => {
    expect(responseRate(3, 4)).toBe(0.75);
    expect(responseRate(5, 0)).toBeNull();
  });
});
