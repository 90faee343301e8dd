import type { PostgresEventStore } from './postgres';
import type { AppendRequest, AppendResult } from './types';

export interface GroupCommitOptions {
  /** Most appends in one statement; 1 or less: every append on its own, as without group commit. */
  maxBatch: number;
  /** Batches sent at once; appends arriving meanwhile wait for the next one. Default 2. */
  maxInFlight?: number;
}

interface Waiting extends AppendRequest {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit: appends that arrive while earlier batches are in flight are gathered and sent together through
 * `appendMany` (one statement, one commit), each caller still getting its own result or error. Nothing waits on
 * a timer: an append arriving at an idle store leaves at the next turn of the event loop with whatever arrived
 * in the same turn, so a lone append pays nothing and a crowd shares its commits. Two appends to one stream
 * never share a batch (the second would not see the first): the later one waits for the next batch, so appends
 * to a stream keep the order they were asked in.
 */
export const withGroupCommit = (
  store: PostgresEventStore,
  options: GroupCommitOptions,
): PostgresEventStore & { waiting(): number } => {
  if (options.maxBatch <= 1) return { ...store, waiting: () => 0 };
  const maxInFlight = Math.max(1, options.maxInFlight ?? 2);
  let queue: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  const schedule = () => {
    if (scheduled || inFlight >= maxInFlight || queue.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  };

  /** The oldest waiting appends, one per stream, up to the batch size; the others keep their place. */
  const take = (): Waiting[] => {
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    const streams = new Set<string>();
    for (const waiting of queue) {
      if (batch.length < options.maxBatch && !streams.has(waiting.streamId)) {
        streams.add(waiting.streamId);
        batch.push(waiting);
      } else {
        // A later append to a stream already in the batch must not overtake an earlier one.
        streams.add(waiting.streamId);
        rest.push(waiting);
      }
    }
    queue = rest;
    return batch;
  };

  const flush = () => {
    scheduled = false;
    if (inFlight >= maxInFlight || queue.length === 0) return;
    const batch = take();
    inFlight++;
    store
      .appendMany(batch)
      .then(
        (outcomes) =>
          outcomes.forEach((outcome, index) => {
            if (outcome.status === 'fulfilled') batch[index]!.resolve(outcome.value);
            else batch[index]!.reject(outcome.reason);
          }),
        (error) => {
          for (const waiting of batch) waiting.reject(error);
        },
      )
      .finally(() => {
        inFlight--;
        schedule();
      });
    schedule();
  };

  return {
    ...store,
    /** Appends waiting for a batch (not those in flight): the backlog load shedding watches. */
    waiting: () => queue.length,
    append: (streamId, events, { expectedRevision }) =>
      new Promise<AppendResult>((resolve, reject) => {
        queue.push({ streamId, events, expectedRevision, resolve, reject });
        schedule();
      }),
  };
};
