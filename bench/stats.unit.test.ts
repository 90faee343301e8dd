import { describe, expect, it } from 'vitest';
import { alternatingRounds, median } from './stats';

describe('median', () => {
  it('is the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('alternatingRounds', () => {
  it('alternates which side runs first and reports the median of the rounds’ own ratios', async () => {
    const calls: string[] = [];
    // Side a answers 10, 20, 30, 40, 50 in turn; side b always 10: ratios 1, 2, 3, 4, 5 in run order.
    let a = 0;
    const result = await alternatingRounds({
      rounds: 5,
      a: async () => {
        calls.push('a');
        a += 10;
        return a;
      },
      b: async () => {
        calls.push('b');
        return 10;
      },
      ratio: (x, y) => x / y,
    });
    expect(calls.join('')).toBe('abbaabbaab');
    expect(result.rounds.map((round) => round.bFirst)).toEqual([false, true, false, true, false]);
    expect(result.rounds.map((round) => round.ratio)).toEqual([1, 2, 3, 4, 5]);
    expect(result.median).toBe(3);
    expect(result.middle.a).toBe(30);
  });

  it('takes the lower of the middle two rounds to print for an even count, the mean as the median', async () => {
    const values = [40, 10, 30, 20];
    const result = await alternatingRounds({
      rounds: 4,
      a: async () => values.shift()!,
      b: async () => 10,
      ratio: (x, y) => x / y,
    });
    expect(result.median).toBe(2.5);
    expect(result.middle.a).toBe(20);
  });

  it('refuses zero rounds rather than answer a ratio of nothing', async () => {
    await expect(
      alternatingRounds({ rounds: 0, a: async () => 1, b: async () => 1, ratio: (x, y) => x / y }),
    ).rejects.toThrow(RangeError);
  });
});
