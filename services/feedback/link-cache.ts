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
 */
export const createLinkCache = (options: { maxEntries: number }) => {
  const entries = new Map<string, CachedLink>();
  return {
    async get(linkId: string, read: () => Promise<CachedLink | undefined>): Promise<CachedLink | undefined> {
      const cached = entries.get(linkId);
      if (cached) {
        // Most recently used last: Map keeps insertion order.
        entries.delete(linkId);
        entries.set(linkId, cached);
        return cached;
      }
      const value = await read();
      if (!value) return undefined;
      entries.set(linkId, value);
      if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
    forget(linkId: string) {
      entries.delete(linkId);
    },
  };
};
