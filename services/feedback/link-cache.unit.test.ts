import { describe, expect, it } from 'vitest';
import type { FeedbackLink } from './decider';
import { type CachedLink, createLinkCache } from './link-cache';

const cached = (linkId: string, answersSoFar = 0): CachedLink => ({
  link: { linkId } as FeedbackLink,
  organisationId: 'org',
  answersSoFar,
  sessionCancelled: false,
});

describe('the public link cache', () => {
  it('reads a link once while it is fresh, and counts the answers taken since', async () => {
    const cache = createLinkCache({ ttlMs: 60_000, maxEntries: 10 });
    let reads = 0;
    const read = async () => {
      reads++;
      return cached('a', 3);
    };
    await cache.get('a', read);
    cache.answered('a');
    const again = await cache.get('a', read);
    expect(reads).toBe(1);
    expect(again?.answersSoFar).toBe(4);
  });

  it('reads a link again once forgotten (closed through this process) or stale', async () => {
    const fresh = createLinkCache({ ttlMs: 60_000, maxEntries: 10 });
    let reads = 0;
    const read = async () => {
      reads++;
      return cached('a');
    };
    await fresh.get('a', read);
    fresh.forget('a');
    await fresh.get('a', read);
    expect(reads).toBe(2);

    const stale = createLinkCache({ ttlMs: 0, maxEntries: 10 });
    await stale.get('a', read);
    await stale.get('a', read);
    expect(reads).toBe(4);
  });

  it('keeps no missing link and drops the oldest beyond its size', async () => {
    const cache = createLinkCache({ ttlMs: 60_000, maxEntries: 2 });
    let reads = 0;
    const read = (id: string) => async () => {
      reads++;
      return id === 'missing' ? undefined : cached(id);
    };
    expect(await cache.get('missing', read('missing'))).toBeUndefined();
    expect(await cache.get('missing', read('missing'))).toBeUndefined();
    expect(reads).toBe(2);
    for (const id of ['a', 'b', 'c']) await cache.get(id, read(id));
    await cache.get('a', read('a'));
    expect(reads).toBe(6);
  });
});
