import { describe, expect, it } from 'vitest';
import type { FeedbackLink } from './decider';
import { type CachedLink, createLinkCache } from './link-cache';

const cached = (linkId: string): CachedLink => ({ link: { linkId } as FeedbackLink, organisationId: 'org' });

describe('the public link cache', () => {
  it('reads a link once, and again once forgotten (closed through this process)', async () => {
    const cache = createLinkCache({ maxEntries: 10 });
    let reads = 0;
    const read = async () => {
      reads++;
      return cached('a');
    };
    await cache.get('a', read);
    await cache.get('a', read);
    expect(reads).toBe(1);
    cache.forget('a');
    await cache.get('a', read);
    expect(reads).toBe(2);
  });

  it('reads a link once for answers arriving together, and not a read started before it was forgotten', async () => {
    const cache = createLinkCache({ maxEntries: 10 });
    const finishers: (() => void)[] = [];
    const read = () => new Promise<CachedLink>((resolve) => finishers.push(() => resolve(cached('a'))));
    const finishAll = () => {
      for (const finish of finishers.splice(0)) finish();
    };
    const together = Array.from({ length: 5 }, () => cache.get('a', read));
    expect(finishers).toHaveLength(1);
    finishAll();
    expect(await Promise.all(together)).toEqual(Array.from({ length: 5 }, () => cached('a')));

    cache.forget('a');
    const before = cache.get('a', read);
    cache.forget('a');
    const after = cache.get('a', read);
    expect(finishers).toHaveLength(2);
    finishAll();
    await Promise.all([before, after]);
    // The read started after the last forget is kept: no further read.
    await cache.get('a', read);
    expect(finishers).toHaveLength(0);
  });

  it('keeps no missing link and drops the least recently used beyond its size', async () => {
    const cache = createLinkCache({ maxEntries: 2 });
    let reads = 0;
    const read = (id: string) => async () => {
      reads++;
      return id === 'missing' ? undefined : cached(id);
    };
    expect(await cache.get('missing', read('missing'))).toBeUndefined();
    expect(await cache.get('missing', read('missing'))).toBeUndefined();
    expect(reads).toBe(2);
    await cache.get('a', read('a'));
    await cache.get('b', read('b'));
    await cache.get('a', read('a'));
    await cache.get('c', read('c'));
    expect(reads).toBe(5);
    await cache.get('a', read('a'));
    expect(reads).toBe(5);
    await cache.get('b', read('b'));
    expect(reads).toBe(6);
  });
});
