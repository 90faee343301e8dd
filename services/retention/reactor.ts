import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PoolClient } from 'pg';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { EventStore } from '../eventstore/types';
import type { Clock } from '../kernel/clock';
import { isAppError } from '../kernel/errors';
import { type EraseDeps, eraseSubject } from '../privacy/erase';
import type { RetentionCategory } from './events';

const lockKey = createHash('sha256').update('reactor:retention').digest().readBigInt64BE(0);
const BATCH = 100;

/** Who erases what is past its period: recorded as `erasedBy`, the events' actor being the system. */
export const RETENTION_ERASER = 'system';

type Log = { info(obj: object, msg: string): void; error(obj: object, msg: string): void };

export interface DueSubject {
  subject_id: string;
  organisation_id: string;
  category: RetentionCategory;
}

export interface RetentionReactorOptions extends EraseDeps {
  database: Database;
  store: EventStore;
  clock: Clock;
  config: Pick<Config, 'RETENTION_SWEEP_MINUTES'>;
  /** Subjects whose period has ended at `now`, in subject order after `after` (the retention read model). */
  findDue(now: Date, limit: number, after?: string): Promise<DueSubject[]>;
  log?: Log;
}

/**
 * Erases the personal data whose retention period has ended. Every RETENTION_SWEEP_MINUTES (and at start) it
 * reads the clock once, pages through the subjects the retention read model shows past their organisation's
 * period, and erases each exactly as an administrator would (`eraseSubject`, reason `retention_expired`).
 *
 * Safe to repeat and to run in several processes: one sweep at a time holds an advisory lock on PostgreSQL, and
 * should two ever overlap (or the read model still show a subject erased a moment ago), erasing again changes
 * nothing and the subject's stream refuses a second record (`subject_already_erased`).
 */
export const createRetentionReactor = (options: RetentionReactorOptions) => {
  const { database, store, clock, config, findDue, log } = options;
  const controller = new AbortController();
  let loop: Promise<void> | undefined;

  const erase = async (subject: DueSubject): Promise<boolean> => {
    try {
      await eraseSubject(
        options,
        { store, clock, organisationId: subject.organisation_id, actor: { type: 'system' } },
        { subjectId: subject.subject_id, reason: 'retention_expired', erasedBy: RETENTION_ERASER },
      );
      return true;
    } catch (error) {
      if (isAppError(error) && error.code === 'subject_already_erased') return false;
      // One subject's failure never stops the others; the next sweep tries it again.
      log?.error({ err: error, subjectId: subject.subject_id }, 'retention: erasing a subject failed');
      return false;
    }
  };

  /** One pass over what is due now; answers the subjects it erased (those already erased are left out). */
  const sweep = async (): Promise<{ erased: string[] }> => {
    const now = clock.now();
    const erased: string[] = [];
    for (let after: string | undefined; ; ) {
      const due = await findDue(now, BATCH, after);
      for (const subject of due) {
        if (controller.signal.aborted) return { erased };
        if (await erase(subject)) erased.push(subject.subject_id);
      }
      if (due.length < BATCH) break;
      after = due.at(-1)!.subject_id;
    }
    if (erased.length > 0) log?.info({ erased: erased.length }, 'retention: erased data past its period');
    return { erased };
  };

  const acquire = async (): Promise<PoolClient | 'embedded' | undefined> => {
    if (database.kind === 'pglite' || !database.pool) return 'embedded';
    const client = await database.pool.connect();
    client.on('error', () => {});
    const { rows } = await client.query('SELECT pg_try_advisory_lock($1) AS locked', [lockKey]);
    if (rows[0]?.locked) return client;
    client.release();
    return undefined;
  };

  const follow = async (intervalMs: number) => {
    const signal = controller.signal;
    while (!signal.aborted) {
      const owner = await acquire().catch(() => undefined);
      if (owner) {
        try {
          await sweep();
        } catch (error) {
          log?.error({ err: error }, 'retention sweep failed; trying again at the next one');
        } finally {
          if (owner !== 'embedded') {
            await owner.query('SELECT pg_advisory_unlock($1)', [lockKey]).catch(() => {});
            owner.release();
          }
        }
      }
      await sleep(intervalMs, undefined, { signal }).catch(() => {});
    }
  };

  return {
    /** Sweeps at start, then every RETENTION_SWEEP_MINUTES; 0 turns the timer off. */
    start() {
      if (config.RETENTION_SWEEP_MINUTES === 0) return;
      loop ??= follow(config.RETENTION_SWEEP_MINUTES * 60_000);
    },
    async stop() {
      controller.abort();
      await loop;
    },
    /** One sweep now (tests drive it with a fake clock; no lock, no timer). */
    sweep,
  };
};

export type RetentionReactor = ReturnType<typeof createRetentionReactor>;
