import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Database, Db } from '../../services/db/database';
import { execute } from '../../services/db/database';
import type { FeedBatch, PostgresEventStore } from '../../services/eventstore/postgres';
import { type Checkpoint, compareCheckpoints, START } from '../../services/eventstore/types';
import { createWaker } from '../../services/eventstore/waker';
import {
  advanceCheckpoint,
  advanceCheckpointFrom,
  advanceCheckpointsFrom,
  allCheckpoints,
  insertCheckpoint,
  readCheckpoint,
  recordCheckpointError,
} from './checkpoints';
import { type Claim, createOwnership } from './ownership';
import type { Projection } from './projection';
import { rebuildProjection } from './rebuild';

export interface ProjectionStatus {
  name: string;
  version: number;
  position: number;
  /** How far behind the newest readable event it is, in positions (an index probe, not a count). */
  lag: number;
  owned: boolean;
  lastError: string | null;
  updatedAt: Date;
}

export interface RunnerOptions {
  database: Database;
  store: PostgresEventStore;
  projections: readonly Projection[];
  batchSize?: number;
  pollIntervalMs?: number;
  /**
   * While appends keep coming, the next batch waits for the clock's next multiple of this gap (ms), so events
   * gather into fewer, larger transactions instead of one per append, and the projections busy with the same
   * events start together (they share their read); an isolated append is applied at once. It bounds the extra
   * read-your-writes wait under load.
   */
  gatherMs?: number;
  /**
   * While appends keep coming batch after batch, that gap doubles up to this (ms), and falls back to `gatherMs`
   * at the first pause: a sustained stream of appends (a class answering) costs each projection a few
   * transactions a second instead of one per `gatherMs`. A request waiting for a position (`waitForPosition`)
   * cuts the gather short, so it does not wait that much longer; a read that names no position may.
   */
  maxGatherMs?: number;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

const lockKey = (name: string) =>
  createHash('sha256').update(`projection:${name}`).digest().readBigInt64BE(0);

export interface BatchResult {
  /** Events of the projection's types it applied. */
  applied: number;
  /** Where it stopped: past every event it looked through, other types included. */
  checkpoint: Checkpoint;
  /** Whether the checkpoint moved. */
  moved: boolean;
  /** More may be readable at once: the batch stopped at its limit, not at the readable end of the log. */
  more: boolean;
}

/** A batch of the feed read ahead of the batch's transaction, from `after` (see createSharedFeed). */
export interface ReadAhead {
  after: Checkpoint;
  batch: FeedBatch;
}

/**
 * Reads the projection's event types only from the feed and applies them. A batch read ahead from this same
 * checkpoint is applied instead: the events up to its end belong to finished transactions and never change.
 */
export const applyFeedBatch = async (
  db: Db,
  store: PostgresEventStore,
  projection: Projection,
  after: Checkpoint,
  batchSize: number,
  ahead?: ReadAhead,
): Promise<BatchResult> => {
  const batch =
    ahead && compareCheckpoints(ahead.after, after) === 0
      ? ahead.batch
      : await store.readFeedOfTypesIn(db, after, batchSize, projection.handles);
  if (batch.events.length > 0) await projection.apply(db, batch.events);
  return {
    applied: batch.events.length,
    checkpoint: batch.checkpoint,
    moved: compareCheckpoints(batch.checkpoint, after) > 0,
    more: batch.more,
  };
};

/** Applies one batch and advances the checkpoint in the same transaction. */
export const runBatch = async (
  database: Database,
  store: PostgresEventStore,
  projection: Projection,
  batchSize: number,
  ahead?: ReadAhead,
): Promise<BatchResult> =>
  database.db.transaction().execute(async (tx) => {
    const checkpoint = await readCheckpoint(tx, projection.name, true);
    if (!checkpoint) throw new Error(`Projection ${projection.name} has no checkpoint`);
    const batch = await applyFeedBatch(tx, store, projection, checkpoint, batchSize, ahead);
    if (batch.moved) await advanceCheckpoint(tx, projection.name, batch.checkpoint);
    return batch;
  });

/**
 * Between batches a projection mostly sees other slices' events go by. From the checkpoint its last batch left,
 * one look (the readable end, and whether any event of its types lies before it) and one compare-and-set of the
 * checkpoint then replace a whole batch transaction. Answers undefined when it has events to apply, or when its
 * checkpoint moved meanwhile (a catch-up, a rebuild): the caller runs a batch.
 */
export const skipOthersEvents = async (
  db: Db,
  store: PostgresEventStore,
  projection: Projection,
  after: Checkpoint,
): Promise<BatchResult | undefined> => {
  const tail = await store.feedTailOfTypes(db, after, projection.handles);
  if (tail.pending) return undefined;
  if (compareCheckpoints(tail.end, after) <= 0) {
    return { applied: 0, checkpoint: after, moved: false, more: false };
  }
  if (!(await advanceCheckpointFrom(db, projection.name, after, tail.end))) return undefined;
  return { applied: 0, checkpoint: tail.end, moved: true, more: false };
};

/**
 * A batch read ahead that holds no event of the projection's: no transaction, only a compare-and-set of its
 * checkpoint when the batch moved past it. Answers undefined when there are events to apply, or when the
 * checkpoint moved meanwhile (the caller runs a batch).
 */
const settleWithoutBatch = async (
  db: Db,
  projection: Projection,
  { after, batch }: ReadAhead,
): Promise<BatchResult | undefined> => {
  if (batch.events.length > 0) return undefined;
  if (compareCheckpoints(batch.checkpoint, after) <= 0) {
    return { applied: 0, checkpoint: after, moved: false, more: false };
  }
  if (!(await advanceCheckpointFrom(db, projection.name, after, batch.checkpoint))) return undefined;
  return { applied: 0, checkpoint: batch.checkpoint, moved: true, more: batch.more };
};

/** A request to one of the shared readers below: answered with its own result, or failed with the shared error. */
interface Gathered<T> {
  resolve(result: T): void;
  reject(error: unknown): void;
}

/**
 * Gathers the requests asked within `windowMs` of the first one: a lone request runs `alone`, several run
 * `together`; an error either throws fails them all. Answers the function that asks.
 */
const gatherWithin = <R extends Gathered<never>>(
  windowMs: number,
  alone: (request: R) => Promise<void>,
  together: (requests: readonly R[]) => Promise<void>,
) => {
  let waiting: R[] = [];
  const flush = () => {
    const requests = waiting;
    waiting = [];
    (requests.length === 1 ? alone(requests[0]!) : together(requests)).catch((error: unknown) => {
      for (const request of requests) request.reject(error);
    });
  };
  return (request: R) => {
    waiting.push(request);
    if (waiting.length === 1) setTimeout(flush, windowMs);
  };
};

interface Look extends Gathered<BatchResult | undefined> {
  projection: Projection;
  after: Checkpoint;
}

/**
 * skipOthersEvents for many projections at once. They all wake at the same notification, and most only see other
 * slices' events go by: the looks asked within `windowMs` go as one look from the earliest of their checkpoints
 * for any of their types, then one compare-and-set of all their checkpoints, instead of two statements each. When
 * an event of those types lies after it, each looks on its own.
 */
export const createSharedSkip = (db: Db, store: PostgresEventStore, windowMs = 1) => {
  const alone = (look: Look) =>
    skipOthersEvents(db, store, look.projection, look.after).then(look.resolve, look.reject);

  const together = async (looks: readonly Look[]) => {
    const earliest = looks
      .map((look) => look.after)
      .reduce((min, after) => (compareCheckpoints(after, min) < 0 ? after : min));
    const tail = await store.feedTailOfTypes(db, earliest, [
      ...new Set(looks.flatMap((look) => look.projection.handles)),
    ]);
    if (tail.pending) {
      await Promise.all(looks.map(alone));
      return;
    }
    const behind = looks.filter((look) => compareCheckpoints(tail.end, look.after) > 0);
    const moved = await advanceCheckpointsFrom(
      db,
      behind.map((look) => ({ name: look.projection.name, from: look.after })),
      tail.end,
    );
    for (const look of looks) {
      if (!behind.includes(look)) {
        look.resolve({ applied: 0, checkpoint: look.after, moved: false, more: false });
      } else if (moved.has(look.projection.name)) {
        look.resolve({ applied: 0, checkpoint: tail.end, moved: true, more: false });
      } else look.resolve(undefined);
    }
  };

  const ask = gatherWithin<Look>(windowMs, alone, together);

  return {
    /** As skipOthersEvents(db, store, projection, after), shared with the looks asked around the same moment. */
    skip(projection: Projection, after: Checkpoint): Promise<BatchResult | undefined> {
      return new Promise((resolve, reject) => ask({ projection, after, resolve, reject }));
    },
  };
};

interface FeedRead extends Gathered<FeedBatch> {
  after: Checkpoint;
  types: ReadonlySet<string>;
}

/**
 * Reads the feed for the projections busy with the same stream of events (a class answering: the feedback,
 * results, evidence, retention and subject-access projections all take each answer). The reads asked within
 * `windowMs` go as one read of all their types from the earliest of their checkpoints, so each event is
 * transferred, parsed and opened by the vault once instead of once per projection; each gets the events of its
 * own types after its own checkpoint, and the same end, which keeps them together from then on. Outside any
 * transaction: what lies up to the readable end never changes (the batch checks its checkpoint is still `after`).
 */
export const createSharedFeed = (db: Db, store: PostgresEventStore, limit: number, windowMs = 1) => {
  const alone = (read: FeedRead) =>
    store.readFeedOfTypesIn(db, read.after, limit, [...read.types]).then(read.resolve, read.reject);

  const together = async (reads: readonly FeedRead[]) => {
    const earliest = reads
      .map((read) => read.after)
      .reduce((min, after) => (compareCheckpoints(after, min) < 0 ? after : min));
    const batch = await store.readFeedOfTypesIn(db, earliest, limit, [
      ...new Set(reads.flatMap((read) => [...read.types])),
    ]);
    for (const read of reads) {
      const past = compareCheckpoints(batch.checkpoint, read.after) > 0;
      // A full batch that stopped before this checkpoint says nothing of what lies after it.
      if (batch.more && !past) {
        void alone(read);
        continue;
      }
      read.resolve({
        events: batch.events.filter(
          (event) => read.types.has(event.type) && compareCheckpoints(event, read.after) > 0,
        ),
        checkpoint: past ? batch.checkpoint : read.after,
        more: batch.more,
      });
    }
  };

  const ask = gatherWithin<FeedRead>(windowMs, alone, together);

  return {
    /** As store.readFeedOfTypesIn(db, after, limit, types), shared with the reads asked around the same moment. */
    read(after: Checkpoint, types: readonly string[]): Promise<FeedBatch> {
      return new Promise((resolve, reject) => ask({ after, types: new Set(types), resolve, reject }));
    },
  };
};

/** Creates the projection's tables and checkpoint on first start; rebuilds it when its version changed. */
export const ensureProjection = async (
  database: Database,
  store: PostgresEventStore,
  projection: Projection,
  batchSize = 500,
) => {
  const created = await database.db.transaction().execute(async (tx) => {
    if (!(await insertCheckpoint(tx, projection.name, projection.version))) return false;
    await projection.create(tx);
    return true;
  });
  if (created) return;
  const checkpoint = await readCheckpoint(database.db, projection.name);
  if (checkpoint && checkpoint.version !== projection.version) {
    await rebuildProjection(database, store, projection, { batchSize });
  }
};

/** Raw SQL: the feed's visibility rule (transaction ids against the snapshot's xmin) has no Kysely form. */
const pendingEvents = async (db: Db, after: Checkpoint, upTo?: number) => {
  const rows = await execute<{ pending: number }>(
    db,
    `SELECT count(*)::int AS pending FROM es_events
      WHERE (txid, position) > ($1::bigint, $2::bigint)
        AND ($3::bigint IS NULL OR position <= $3)
        AND ($3::bigint IS NOT NULL OR txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint)`,
    [after.txid, after.position, upTo ?? null],
  );
  return Number(rows[0]?.pending ?? 0);
};

/** Runs every projection: catch-up from its checkpoint, then live. One owner per projection across nodes. */
export const createProjectionRunner = (options: RunnerOptions) => {
  const { database, store, projections } = options;
  const batchSize = options.batchSize ?? (database.kind === 'pglite' ? 200 : 500);
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const gatherMs = options.gatherMs ?? 10;
  const maxGatherMs = Math.max(gatherMs, options.maxGatherMs ?? 400);
  const progress = createWaker();
  // Requests waiting for a position (read-your-writes): while there are any, the loops gather for `gatherMs` at
  // most, and those gathering longer when one arrives are woken.
  const hurry = createWaker();
  let waitingForPosition = 0;
  /** The highest position every projection was seen to have applied (see waitForPosition). */
  let reachedUpTo = 0;
  const owned = new Set<string>();
  const errors = new Map<string, string>();
  const controller = new AbortController();
  // One loop per projection listens to it, each in a wait or a pause (two at most): not a leak.
  setMaxListeners(2 * projections.length + 10, controller.signal);
  const loops: Promise<void>[] = [];
  const shared = createSharedSkip(database.db, store);
  const feed = createSharedFeed(database.db, store, batchSize);

  // PGlite is one process's embedded engine: nobody else can own its projections.
  const ownership = database.kind === 'pglite' || !database.pool ? undefined : createOwnership(database.pool);
  const acquireOwnership = async (projection: Projection): Promise<Claim | 'embedded' | undefined> =>
    ownership ? ownership.tryClaim(projection.name, lockKey(projection.name)) : 'embedded';
  const stillOwned = (owner: Claim | 'embedded') => owner === 'embedded' || ownership!.holds(owner);

  const follow = async (projection: Projection) => {
    const signal = controller.signal;
    while (!signal.aborted) {
      const owner = await acquireOwnership(projection).catch(() => undefined);
      if (!owner) {
        // Another node owns it (or the database is away): stand by and try again later.
        await progress.wait(2000, signal);
        continue;
      }
      owned.add(projection.name);
      try {
        let idleWait = 5;
        let gap = gatherMs;
        // Where this loop's last batch left the checkpoint (nothing known before the first one).
        let known: Checkpoint | undefined;
        // A projection that has just applied events of its own will likely find more (a class answering): it
        // reads its next batch ahead, with the others busy with the same events, and stays out of the shared
        // look of those that only see others' events go by. Its first empty batch brings it back.
        let busy = false;
        // A lost lock connection ends the claim: claim again (another process may have taken it meanwhile).
        while (!signal.aborted && stillOwned(owner)) {
          const startedAt = Date.now();
          // A busy projection reads ahead of its batch, with the others busy at the same moment (createSharedFeed).
          const ahead =
            known && busy ? { after: known, batch: await feed.read(known, projection.handles) } : undefined;
          const batch: BatchResult =
            (known && !busy ? await shared.skip(projection, known) : undefined) ??
            (ahead && (await settleWithoutBatch(database.db, projection, ahead))) ??
            (await runBatch(database, store, projection, batchSize, ahead));
          known = batch.checkpoint;
          busy = batch.applied > 0;
          // A batch that ran, even an empty one, means the projection works again (say, the database is back).
          if (errors.delete(projection.name)) await recordCheckpointError(database.db, projection.name, null);
          if (batch.moved) progress.wake();
          if (batch.more) continue;
          if (batch.moved) idleWait = 5;
          // Right after a wake-up an older transaction may still hide new rows: look again soon, backing off.
          const woke = await store.waitForEvents(Math.min(idleWait, pollIntervalMs), signal);
          idleWait = woke ? 5 : Math.min(idleWait * 2, pollIntervalMs);
          // Appends still coming (a wake-up, or less than a gap since this batch began) keep the pace of the
          // batches, whether this one moved or found nothing readable yet; only a pause brings the gap back.
          if (woke || Date.now() - startedAt < gap) {
            if (batch.moved) gap = Math.min(gap * 2, maxGatherMs);
            // Until the clock's next multiple of the gap: the projections busy with the same events wake together
            // and share their next read (createSharedFeed), however long each one's batch took. While a request
            // waits for a position, the shortest gap.
            const pace = waitingForPosition > 0 ? gatherMs : gap;
            await hurry.wait(pace - (Date.now() % pace), signal);
          } else gap = gatherMs;
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        errors.set(projection.name, message);
        options.log?.error({ projection: projection.name, err: error }, 'projection batch failed; retrying');
        await recordCheckpointError(database.db, projection.name, message).catch(() => {});
        await progress.wait(1000, signal);
      } finally {
        owned.delete(projection.name);
        if (owner !== 'embedded') await ownership!.release(owner, lockKey(projection.name));
      }
    }
  };

  return {
    projections,

    /** Prepares every projection (tables, checkpoint, rebuild on version change). */
    async prepare() {
      for (const projection of projections) await ensureProjection(database, store, projection, batchSize);
    },

    start() {
      for (const projection of projections) loops.push(follow(projection));
    },

    async stop() {
      controller.abort();
      progress.wake();
      await Promise.allSettled(loops);
      ownership?.close();
    },

    /**
     * Applies every event appended before the call (tests, scripts). A short batch is not the end: an open
     * transaction may still hide older events, so it goes on until none up to the last position is left.
     */
    async catchUp() {
      const last = await store.lastPosition();
      for (const projection of projections) {
        for (;;) {
          const batch = await runBatch(database, store, projection, batchSize);
          if (batch.more) continue;
          const checkpoint = (await readCheckpoint(database.db, projection.name)) ?? START;
          if ((await pendingEvents(database.db, checkpoint, last)) === 0) break;
          if (!batch.moved) await store.waitForEvents(5);
        }
      }
      progress.wake();
    },

    /** Waits, bounded, until every projection has applied the event at `position`. */
    async waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
      // Checkpoints only move forward (but for a rebuild), so a position seen reached stays reached: the requests
      // of a session that wrote earlier ask again and again for the same one.
      if (position <= reachedUpTo) return true;
      const target = await store.checkpointOf(position);
      if (!target) return false;
      const deadline = Date.now() + timeoutMs;
      const reached = async () => {
        const rows = await allCheckpoints(database.db);
        const all = projections.every((projection) => {
          const row = rows.find((candidate) => candidate.name === projection.name);
          return row && compareCheckpoints(row, target) >= 0;
        });
        if (all && position > reachedUpTo) reachedUpTo = position;
        return all;
      };
      if (await reached()) return true;
      waitingForPosition++;
      try {
        for (;;) {
          // The loops gathering apply what they have now (a loop may have started gathering since the last look).
          hurry.wake();
          const remaining = deadline - Date.now();
          if (remaining <= 0) return false;
          await progress.wait(Math.min(remaining, 25));
          if (await reached()) return true;
        }
      } finally {
        waitingForPosition--;
      }
    },

    async status(): Promise<ProjectionStatus[]> {
      const rows = await allCheckpoints(database.db);
      const result: ProjectionStatus[] = [];
      for (const projection of projections) {
        const row = rows.find((candidate) => candidate.name === projection.name);
        result.push({
          name: projection.name,
          version: row?.version ?? projection.version,
          position: row?.position ?? 0,
          lag: await store.lag(row ?? START),
          owned: owned.has(projection.name),
          lastError: errors.get(projection.name) ?? row?.lastError ?? null,
          updatedAt: row?.updatedAt ?? new Date(0),
        });
      }
      return result;
    },

    rebuild: (name: string) => {
      reachedUpTo = 0;
      const projection = projections.find((candidate) => candidate.name === name);
      if (!projection) throw new Error(`Unknown projection ${name}`);
      return rebuildProjection(database, store, projection, { batchSize });
    },
  };
};

export type ProjectionRunner = ReturnType<typeof createProjectionRunner>;
