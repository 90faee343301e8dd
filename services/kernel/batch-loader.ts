/**
 * Coalesces concurrent reads by key: keys asked while earlier loads are in flight are read together in the next
 * one (`loadMany` answers what it found by key). Each caller's load is sent after it asked, so it sees at least
 * what a read of its own would have; nothing waits on a timer.
 */
export const createBatchLoader = <Key, Value>(
  loadMany: (keys: Key[]) => Promise<ReadonlyMap<Key, Value>>,
  options: { maxBatch?: number; maxInFlight?: number } = {},
): ((key: Key) => Promise<Value | undefined>) & { waiting(): number } => {
  const maxBatch = options.maxBatch ?? 100;
  const maxInFlight = options.maxInFlight ?? 2;
  type Waiting = { resolve(value: Value | undefined): void; reject(error: unknown): void };
  const queue = new Map<Key, Waiting[]>();
  let inFlight = 0;
  let scheduled = false;
  let waitingCallers = 0;

  const schedule = () => {
    if (scheduled || inFlight >= maxInFlight || queue.size === 0) return;
    scheduled = true;
    setImmediate(flush);
  };
  const flush = () => {
    scheduled = false;
    if (inFlight >= maxInFlight || queue.size === 0) return;
    const batch = new Map<Key, Waiting[]>();
    for (const [key, waiting] of queue) {
      if (batch.size >= maxBatch) break;
      batch.set(key, waiting);
    }
    for (const [key, waiting] of batch) {
      queue.delete(key);
      waitingCallers -= waiting.length;
    }
    inFlight++;
    loadMany([...batch.keys()])
      .then(
        (found) => {
          for (const [key, waiting] of batch) for (const { resolve } of waiting) resolve(found.get(key));
        },
        (error) => {
          for (const waiting of batch.values()) for (const { reject } of waiting) reject(error);
        },
      )
      .finally(() => {
        inFlight--;
        schedule();
      });
    schedule();
  };

  const load = (key: Key) =>
    new Promise<Value | undefined>((resolve, reject) => {
      const waiting = queue.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else queue.set(key, [{ resolve, reject }]);
      waitingCallers++;
      schedule();
    });
  /** Callers waiting for a load (not those in flight): a backlog load shedding may watch. */
  return Object.assign(load, { waiting: () => waitingCallers });
};
