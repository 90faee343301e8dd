import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { expiredBinderExports, requestedBinderExports } from '../../projections/binder/queries';
import type { BinderExportRow } from '../../projections/binder/tables';
import type { Db } from '../db/database';
import type { EventStore } from '../eventstore/types';
import type { Clock } from '../kernel/clock';
import { runCommand } from '../kernel/command';
import type { BinderProgress, BinderRequest, BinderSource } from './content';
import { binderExportDecider } from './decider';
import { type BinderExportEvent, binderExportStream, type StatedReadiness } from './events';
import { claimBinderJob, dropBinderJob, reportBinderProgress } from './jobs';

/** What writing one binder answers: the archive's hash and size, the signing key, and what it holds. */
export interface WrittenBinder {
  sha256: string;
  bytes: number;
  fingerprint: string;
  items: number;
  events: number;
}

/** Writes a binder's archive to `out` and ends it (the ZIP writer, with its PDF, tables and signature). */
export type BinderWriter = (
  source: BinderSource,
  out: NodeJS.WritableStream,
  onProgress: BinderProgress,
) => Promise<WrittenBinder>;

export interface BinderRunnerOptions {
  db: Db;
  store: EventStore;
  clock: Clock;
  dataDir: string;
  keepDays: number;
  concurrency: number;
  write: BinderWriter;
  /** The source a request's binder is written from, with the readiness its request stated (null: none). */
  source(request: BinderRequest, readiness: StatedReadiness | null): Promise<BinderSource>;
  /** Waits, bounded, until the read models show the event at this position. */
  waitForPosition(position: number): Promise<boolean>;
  log?: FastifyBaseLogger;
  /** Between two looks for new requests when nothing wakes the runner (ms). */
  pollMs?: number;
}

/** Where a binder's archive lives while it is kept. */
export const binderFilePath = (dataDir: string, organisationId: string, exportId: string) =>
  join(dataDir, 'binders', organisationId, `${exportId}.zip`);

/** The name a downloaded binder has: its period, readable in a folder of them. */
export const binderFileName = (from: string, to: string) => `dossier-qualiopi-${from}-au-${to}.zip`;

/** A claim not renewed for this long is a stopped node's: another runner takes the export over. */
const STALE_AFTER_MS = 2 * 60_000;
const PROGRESS_EVERY_MS = 250;
const EVENT_GATHER_MS = 250;

export const requestOf = (row: BinderExportRow): BinderRequest => ({
  organisationId: row.organisation_id,
  from: row.from_on,
  to: row.to_on,
  indicators: row.indicators,
  asOfPosition: Number(row.as_of_position),
  asOfRecordedAt: new Date(row.as_of_recorded_at).toISOString(),
});

/**
 * Writes requested binders, a few at a time per node, each streamed to a temporary file under DATA_DIR then
 * renamed, and records the outcome with the archive's hash; discards archives past their keeping time. A binder
 * that fails is recorded as failed with a reason code (never an error's text, which may quote data).
 */
export const createBinderRunner = (options: BinderRunnerOptions) => {
  const { db, store, clock, log } = options;
  const runner = `binder-${randomUUID()}`;
  const controller = new AbortController();
  /** The exports this node is writing, by id, with the promise that settles when each is done. */
  const running = new Map<string, Promise<void>>();
  const loops: Promise<void>[] = [];
  let wake: (() => void) | undefined;

  const record = (row: BinderExportRow, command: Parameters<typeof binderExportDecider.decide>[0]) =>
    runCommand(
      { store, clock, organisationId: row.organisation_id, actor: { type: 'system' } },
      binderExportDecider,
      binderExportStream(row.id),
      command,
    );

  const eventsOf = async (exportId: string) =>
    (await store.readStream(binderExportStream(exportId))).map(
      (event) => event as unknown as BinderExportEvent,
    );
  const statusOf = async (exportId: string) =>
    (await eventsOf(exportId)).reduce(binderExportDecider.evolve, binderExportDecider.initialState).status;
  /** The readiness the request stated, from its event (the read model keeps only what lists show). */
  const statedReadinessOf = async (exportId: string) => {
    const requested = (await eventsOf(exportId)).find((event) => event.type === 'BinderExportRequested');
    return requested?.type === 'BinderExportRequested' ? (requested.data.readiness ?? null) : null;
  };

  const write = async (row: BinderExportRow) => {
    const request = requestOf(row);
    const target = binderFilePath(options.dataDir, row.organisation_id, row.id);
    const partial = `${target}.${runner}.part`;
    let last = 0;
    const onProgress: BinderProgress = (done, total, step) => {
      const now = clock.now();
      if (now.getTime() - last < PROGRESS_EVERY_MS && done < total) return;
      last = now.getTime();
      void reportBinderProgress(db, { exportId: row.id, runner, now, done, total, step }).catch(() => {});
    };
    try {
      await options.waitForPosition(request.asOfPosition);
      await mkdir(join(options.dataDir, 'binders', row.organisation_id), { recursive: true });
      const source = await options.source(request, await statedReadinessOf(row.id));
      const out = createWriteStream(partial);
      const written = await options.write(source, out, onProgress);
      // The writer ends the stream; the archive is whole once the file is closed.
      await new Promise<void>((resolve, reject) => {
        if (out.closed) resolve();
        else out.once('close', resolve).once('error', reject);
      });
      await rename(partial, target);
      await record(row, {
        type: 'CompleteBinderExport',
        result: { exportId: row.id, fileName: binderFileName(row.from_on, row.to_on), ...written },
      });
    } catch (error) {
      log?.error({ err: error, exportId: row.id }, 'binder export failed');
      await rm(partial, { force: true });
      await record(row, { type: 'FailBinderExport', exportId: row.id, reason: 'write_failed' }).catch(
        () => {},
      );
    } finally {
      await dropBinderJob(db, row.id).catch(() => {});
    }
  };

  /** Starts what requested exports this node has room for; answers how many it started. */
  const runOnce = async (): Promise<Promise<void>[]> => {
    const room = options.concurrency - running.size;
    if (room <= 0) return [];
    const started: Promise<void>[] = [];
    for (const row of await requestedBinderExports(db, 20)) {
      if (started.length >= room) break;
      if (running.has(row.id)) continue;
      const now = clock.now();
      const claimed = await claimBinderJob(db, {
        exportId: row.id,
        organisationId: row.organisation_id,
        runner,
        now,
        staleBefore: new Date(now.getTime() - STALE_AFTER_MS),
      });
      if (!claimed) continue;
      // The read model may not show yet that another runner, or this one, finished it: the stream says.
      if ((await statusOf(row.id)) !== 'requested') {
        await dropBinderJob(db, row.id);
        continue;
      }
      const writing = write(row).finally(() => {
        running.delete(row.id);
        wake?.();
      });
      running.set(row.id, writing);
      started.push(writing);
    }
    return started;
  };

  /** Removes archives past their keeping time and records each discard. */
  const sweepExpired = async () => {
    const before = new Date(clock.now().getTime() - options.keepDays * 86_400_000);
    let discarded = 0;
    for (const row of await expiredBinderExports(db, before, 100)) {
      await rm(binderFilePath(options.dataDir, row.organisation_id, row.id), { force: true });
      await runCommand(
        { store, clock, organisationId: row.organisation_id, actor: { type: 'system' } },
        binderExportDecider,
        binderExportStream(row.id),
        { type: 'DiscardBinderExport', exportId: row.id },
      );
      discarded++;
    }
    return discarded;
  };

  return {
    /** Writes every export requested so far, to the end (tests drive it). */
    async drain() {
      for (;;) {
        const started = await runOnce();
        if (started.length === 0 && running.size === 0) return;
        // Until one of this node's binders is done (then there is room again), or a while for others' claims.
        await Promise.race([...running.values(), sleep(50)]);
      }
    },
    sweepExpired,
    /** A request was just recorded: look now rather than at the next poll. */
    wake() {
      wake?.();
    },
    start() {
      if (loops.length > 0) return;
      const signal = controller.signal;
      const poll = options.pollMs ?? 2000;
      loops.push(
        (async () => {
          while (!signal.aborted) {
            try {
              await runOnce();
            } catch (error) {
              log?.error({ err: error }, 'binder runner failed; trying again');
            }
            // A request is an event: the store wakes the runner when one is appended here or on another node. Any
            // append wakes it, hundreds a second while a class answers: after a wake-up it looks at most every
            // EVENT_GATHER_MS, while this node's own requests still start at once (wake()).
            await new Promise<void>((resolve) => {
              wake = resolve;
              store
                .waitForEvents(poll, signal)
                .then((woke) => woke && sleep(EVENT_GATHER_MS, undefined, { signal }))
                .then(() => resolve(), resolve);
            });
          }
        })(),
        (async () => {
          while (!signal.aborted) {
            await sweepExpired().catch((error) => log?.error({ err: error }, 'binder expiry sweep failed'));
            await sleep(60 * 60_000, undefined, { signal }).catch(() => {});
          }
        })(),
      );
    },
    async stop() {
      controller.abort();
      wake?.();
      await Promise.all(loops);
      while (running.size > 0) await sleep(50);
    },
  };
};

export type BinderRunner = ReturnType<typeof createBinderRunner>;
