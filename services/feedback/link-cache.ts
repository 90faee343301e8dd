import { performance } from 'node:perf_hooks';
import type { FeedbackLink } from './decider';

export interface CachedLink {
  link: FeedbackLink;
  organisationId: string;
  /** Answers the link had when it was read, plus those this process took since (an abuse cap, not a rule). */
  answersSoFar: number;
  /** Whether its session had been cancelled when the link was read. */
  sessionCancelled: boolean;
}

/**
 * The public links this process read lately, so that an answer costs one statement (its append) rather than
 * four (the link's stream, its answer count, its session, the append) while a class answers. A link closed
 * through this process is forgotten at once; closed through another one, or its session cancelled, it is read
 * again at most `ttlMs` later, and an answer in between is taken as if it had come just before. Expiry needs no
 * reading: it is a date.
 */
export const createLinkCache = (options: { ttlMs: number; maxEntries: number }) => {
  const entries = new Map<string, { value: CachedLink; readAt: number }>();
  return {
    async get(linkId: string, read: () => Promise<CachedLink | undefined>): Promise<CachedLink | undefined> {
      const now = performance.now();
      const entry = entries.get(linkId);
      if (entry && now - entry.readAt < options.ttlMs) return entry.value;
      const value = await read();
      entries.delete(linkId);
      if (!value) return undefined;
      entries.set(linkId, { value, readAt: now });
      // Oldest first: Map keeps insertion order.
      if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
    /** One more answer taken through this process. */
    answered(linkId: string) {
      const entry = entries.get(linkId);
      if (entry) entry.value = { ...entry.value, answersSoFar: entry.value.answersSoFar + 1 };
    },
    forget(linkId: string) {
      entries.delete(linkId);
    },
  };
};
