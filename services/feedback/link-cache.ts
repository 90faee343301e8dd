import { createRecentMap } from '../kernel/recent-map';
import type { FeedbackLink } from './decider';

export interface CachedLink {
  link: FeedbackLink;
  organisationId: string;
}

/**
 * The public links this process has read: what a link was opened with never changes, so an answer reads the
 * link's stream once rather than every time while a class answers. What does change — a close, its answers, its
 * session's cancellation — the caller takes from the read model at each request. A link closed through this
 * process is also forgotten here, so the next answer reads its stream again and sees the close at once.
 * A class answering a link this process has not read yet (its first 32 answers arrive together) shares one
 * read of it: one query instead of one per answer, which had queued past the pool's shedding bound.
 */
export const createLinkCache = (options: { maxEntries: number }) => {
  const entries = createRecentMap<string, CachedLink>(options.maxEntries);
  const reading = new Map<string, Promise<CachedLink | undefined>>();
  return {
    async get(linkId: string, read: () => Promise<CachedLink | undefined>): Promise<CachedLink | undefined> {
      const cached = entries.get(linkId);
      if (cached) return cached;
      let pending = reading.get(linkId);
      if (!pending) {
        const started = read();
        pending = started;
        reading.set(linkId, started);
        started.then(
          (value) => {
            // Forgotten while it was read (a close): the next answer reads the stream again.
            if (reading.get(linkId) !== started) return;
            reading.delete(linkId);
            if (!value) return;
            entries.set(linkId, value);
          },
          () => {
            if (reading.get(linkId) === started) reading.delete(linkId);
          },
        );
      }
      return pending;
    },
    forget(linkId: string) {
      entries.delete(linkId);
      reading.delete(linkId);
    },
  };
};
