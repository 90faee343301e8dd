import { describe, expect, it } from 'vitest';
import { createRecentMap } from './recent-map';

describe('the recent map', () => {
  it('holds at most its bound, dropping the least recently used first', () => {
    const map = createRecentMap<number, string>(4);
    for (let key = 0; key < 100; key++) {
      map.set(key, `v${key}`);
      expect(map.size).toBeLessThanOrEqual(4);
    }
    expect(map.get(99)).toBe('v99');
    expect(map.get(98)).toBe('v98');
    expect(map.get(0)).toBeUndefined();
  });

  it('keeps an entry that is read while newer ones arrive', () => {
    const map = createRecentMap<string, number>(4);
    map.set('kept', 1);
    for (let key = 0; key < 50; key++) {
      map.set(`other${key}`, key);
      expect(map.get('kept')).toBe(1);
    }
    // One never read is gone once max newer entries have arrived.
    map.set('forgotten', 2);
    for (let key = 0; key < 4; key++) map.set(`later${key}`, key);
    expect(map.get('forgotten')).toBeUndefined();
  });

  it('overwrites, deletes, and keeps undefined-free values distinct from missing ones', () => {
    const map = createRecentMap<string, number>(10);
    map.set('a', 1);
    map.set('a', 2);
    expect(map.get('a')).toBe(2);
    expect(map.size).toBe(1);
    map.delete('a');
    expect(map.get('a')).toBeUndefined();
    expect(map.size).toBe(0);
  });
});
