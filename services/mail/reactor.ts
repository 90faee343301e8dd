import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { PoolClient } from 'pg';
import { insertCheckpoint } from '../../projections/runner/checkpoints';
import type { Projection } from '../../projections/runner/projection';
import { runBatch, skipOthersEvents } from '../../projections/runner/runner';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { PostgresEventStore } from '../eventstore/postgres';
import type { Checkpoint, RecordedEvent } from '../eventstore/types';
import type { Clock } from '../kernel/clock';
import { runCommand } from '../kernel/command';
import { isAppError } from '../kernel/errors';
import type { ReadPorts } from '../read-ports';
import { isFinal, type MailCommand, mailDecider } from './decider';
import { type MailEvent, type MailQueued, mailStream } from './events';
import type { MailTemplates } from './port';
import type { MailTables } from './tables';
import { type RenderedMail, renderMail, templateParams } from './templates';
import type { MailTransport } from './transport';

/** The reactor's checkpoint in the projections' table: it follows the feed like a read model. */
const CHECKPOINT = 'mail_reactor';
const lockKey = createHash('sha256').update(`reactor:${CHECKPOINT}`).digest().readBigInt64BE(0);
const DUE_BATCH = 20;
const IDLE_POLL_MS = 1000;
/**
 * While appends keep waking it (a class answering), a cycle starts no sooner than this after the previous one
 * began: a mail waits at most this much longer, and the stream of answers costs a few cycles a second rather
 * than one per append. An isolated wake-up still runs a cycle at once.
 */
const GATHER_MS = 250;
/** Parameters whose message never reached the log (the append failed after they were kept) go after this. */
const ORPHAN_AFTER_MS = 7 * 24 * 3600_000;
const SWEEP_EVERY_MS = 3600_000;
const RECORD_TRIES = 5;

type Log = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export interface MailReactorOptions {
  database: Database;
  store: PostgresEventStore;
  clock: Clock;
  config: Config;
  reads: ReadPorts;
  transport: MailTransport;
  /** Waits, bounded, until the read models show the event at this position. */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean>;
  log?: Log;
}

type Delivery = MailTables['mail_deliveries'] & { attempts: number; sending_since: Date | null };

/** Pause after the n-th temporary failure: doubling from the base, capped, with ±20 % jitter. */
export const retryDelayMs = (config: Config, attempt: number) => {
  const ceiling = Math.min(config.MAIL_RETRY_MAX_MS, config.MAIL_RETRY_BASE_MS * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.8 + Math.random() * 0.4));
};

/** The Message-ID header of a message: derived from its id, so every attempt carries the same one. */
export const headerMessageIdOf = (messageId: string, from: string) => {
  const domain = /@([^>\s]+)>?$/.exec(from)?.[1] ?? 'localhost';
  return `<${messageId}@${domain}>`;
};

/**
 * Sends what the log says is due. It follows the feed from its own checkpoint (like a projection, in one
 * transaction with it): each `MailQueued` becomes a row of `mail_deliveries`, its work list. It then sends the
 * rows that are due, one at a time, and records the outcome on the message's stream (`MailSent`, `MailDeferred`,
 * `MailRefused`, `MailFailed`), then drops the row and erases the message's parameters.
 *
 * Crash safety. A message is queued by an event, so it cannot be lost: a restarted reactor finds the row (or
 * rebuilds it from the log). Before contacting the server, the attempt is counted and the row marked as sending
 * (committed). If the process dies during an attempt, nobody can know whether the server accepted it: the next
 * owner sends it again, with the same Message-ID header (at least once — a lost invitation or reset link is worse
 * than a repeat that mail clients can recognise), and the attempt still counts towards MAIL_MAX_ATTEMPTS, so a
 * message that crashes the process cannot loop for ever. Before each attempt the reactor reads the message's
 * stream: an outcome recorded just before a crash (the row not yet dropped) is never sent again.
 *
 * One owner at a time across processes (an advisory lock on PostgreSQL; PGlite has one process): so a row marked
 * as sending when the lock is taken belongs to a process that died.
 */
export const createMailReactor = (options: MailReactorOptions) => {
  const { database, store, clock, config, reads, transport, log } = options;
  const db = database.db;
  const mail = () => db.withTables<MailTables>();
  const batchSize = database.kind === 'pglite' ? 200 : 500;
  const controller = new AbortController();
  let loop: Promise<void> | undefined;

  const intake: Projection = {
    name: CHECKPOINT,
    version: 1,
    tables: [],
    handles: ['MailQueued'],
    async create() {},
    async apply(tx, events) {
      const queued = events as readonly RecordedEvent<'MailQueued', MailQueued['data']>[];
      await tx
        .withTables<MailTables>()
        .insertInto('mail_deliveries')
        .values(
          queued.map(({ data, metadata, position }) => ({
            message_id: data.messageId,
            organisation_id: metadata.organisationId,
            recipient: data.to,
            template: data.template,
            locale: data.locale,
            queued_position: position,
            next_attempt_at: clock.now(),
          })),
        )
        .onConflict((conflict) => conflict.column('message_id').doNothing())
        .execute();
    },
  };

  /**
   * Records an attempt's outcome on the message's stream. Tried a few times (same event ids, so a retry appends
   * nothing twice): giving up after a message was accepted would make the next owner send it again.
   */
  const record = async (
    delivery: Delivery,
    /** Names the outcome: the same key never records twice (`attempt-3`, `exhausted`). */
    key: string,
    command: Exclude<MailCommand, { type: 'QueueMail' }>,
  ) => {
    for (let tries = 1; ; tries++) {
      try {
        return await runCommand(
          {
            store,
            clock,
            organisationId: delivery.organisation_id,
            actor: { type: 'system' },
            // One outcome per key, whatever happens between recording it and dropping the row.
            idempotencyKey: key,
          },
          mailDecider,
          mailStream(delivery.message_id),
          command,
        );
      } catch (error) {
        if (tries >= RECORD_TRIES || controller.signal.aborted || isAppError(error)) throw error;
        log?.warn(
          { err: error, messageId: delivery.message_id },
          'recording a mail outcome failed; retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** tries));
      }
    }
  };

  /** The message is settled: it leaves the work list and its parameters (secrets included) are erased. */
  const settle = (messageId: string) =>
    db.transaction().execute(async (tx) => {
      const tables = tx.withTables<MailTables>();
      await tables.deleteFrom('mail_deliveries').where('message_id', '=', messageId).execute();
      await tables.deleteFrom('mail_parameters').where('message_id', '=', messageId).execute();
    });

  const organisationName = async (delivery: Delivery) => {
    const known = await reads.organisationPublicProfile(delivery.organisation_id);
    if (known !== undefined) return known.name;
    // Queued right after the organisation was created: give the read models a moment to catch up.
    await options.waitForPosition(Number(delivery.queued_position), 2000);
    return (await reads.organisationPublicProfile(delivery.organisation_id))?.name;
  };

  /** Builds the message; answers the reason when it cannot be (its parameters are gone or no longer valid). */
  const compose = async (delivery: Delivery): Promise<{ error: string } | { rendered: RenderedMail }> => {
    const row = await mail()
      .selectFrom('mail_parameters')
      .select('params')
      .where('message_id', '=', delivery.message_id)
      .executeTakeFirst();
    if (!row) return { error: 'The message parameters are missing' };
    const params = templateParams[delivery.template].safeParse(row.params);
    if (!params.success) return { error: 'The message parameters are not valid for its template' };
    const rendered = renderMail(
      delivery.template,
      delivery.locale,
      params.data as MailTemplates[typeof delivery.template],
      { organisationName: await organisationName(delivery) },
    );
    return { rendered };
  };

  const deliver = async (delivery: Delivery) => {
    const history = await store.readStream(mailStream(delivery.message_id));
    const state = history.reduce(
      (current, event) => mailDecider.evolve(current, event as unknown as MailEvent),
      mailDecider.initialState,
    );
    if (isFinal(state.status)) return settle(delivery.message_id);

    const attempt = delivery.attempts + 1;
    const { message_id: messageId } = delivery;
    if (attempt > config.MAIL_MAX_ATTEMPTS) {
      const error = 'Attempts exhausted (the last one was interrupted)';
      await record(delivery, 'exhausted', {
        type: 'RecordFailed',
        data: { messageId, attempt: attempt - 1, error },
      });
      return settle(messageId);
    }
    const composed = await compose(delivery);
    if ('error' in composed) {
      await record(delivery, `attempt-${attempt}`, {
        type: 'RecordFailed',
        data: { messageId, attempt, error: composed.error },
      });
      return settle(messageId);
    }
    // The sending record, committed before the server hears of the message (see above).
    await mail()
      .updateTable('mail_deliveries')
      .set({ attempts: attempt, sending_since: clock.now() })
      .where('message_id', '=', messageId)
      .execute();
    const headerMessageId = headerMessageIdOf(messageId, config.MAIL_FROM);
    const outcome = await transport.send({
      messageId,
      organisationId: delivery.organisation_id,
      from: config.MAIL_FROM,
      to: delivery.recipient,
      headerMessageId,
      ...composed.rendered,
    });

    if (outcome.ok) {
      const data = {
        messageId,
        attempt,
        headerMessageId,
        response: outcome.response,
        outbox: transport.kind,
      };
      await record(delivery, `attempt-${attempt}`, { type: 'RecordSent', data });
      if (transport.kind === 'development') {
        log?.info(
          { messageId, template: delivery.template },
          'mail kept in the development outbox (read it on /mail)',
        );
      }
      return settle(messageId);
    }
    const { error, responseCode } = outcome;
    if (outcome.permanent) {
      await record(delivery, `attempt-${attempt}`, {
        type: 'RecordRefused',
        data: { messageId, attempt, error, responseCode },
      });
      return settle(messageId);
    }
    if (attempt >= config.MAIL_MAX_ATTEMPTS) {
      await record(delivery, `attempt-${attempt}`, {
        type: 'RecordFailed',
        data: { messageId, attempt, error },
      });
      return settle(messageId);
    }
    const retryAt = new Date(clock.now().getTime() + retryDelayMs(config, attempt));
    const retry = retryAt.toISOString();
    await record(delivery, `attempt-${attempt}`, {
      type: 'RecordDeferred',
      data: { messageId, attempt, error, responseCode, retryAt: retry },
    });
    await mail()
      .updateTable('mail_deliveries')
      .set({ sending_since: null, next_attempt_at: retryAt })
      .where('message_id', '=', messageId)
      .execute();
    log?.warn({ messageId, attempt, responseCode }, 'mail deferred after a temporary failure');
  };

  /** Rows marked as sending when ownership is taken were left by a process that died mid-attempt. */
  const recoverInterrupted = async () => {
    const rows = await mail()
      .updateTable('mail_deliveries')
      .set({ sending_since: null, next_attempt_at: clock.now() })
      .where('sending_since', 'is not', null)
      .returning('message_id')
      .execute();
    if (rows.length > 0) {
      log?.warn(
        { messages: rows.map((row) => row.message_id) },
        'sending again after an interrupted attempt',
      );
    }
  };

  /**
   * Erases parameters kept for a message whose `MailQueued` was never appended (queue() failed after keeping
   * them, and its caller was told so). A queued message has its delivery row within moments, and its
   * parameters are erased when it is settled, so a week-old row without one is such an orphan.
   */
  let lastSweep = 0;
  const sweepOrphans = async () => {
    const now = clock.now().getTime();
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    await mail()
      .deleteFrom('mail_parameters')
      .where('created_at', '<', new Date(now - ORPHAN_AFTER_MS))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('mail_deliveries')
              .select('mail_deliveries.message_id')
              .whereRef('mail_deliveries.message_id', '=', 'mail_parameters.message_id'),
          ),
        ),
      )
      .execute();
  };

  // Where the intake's last batch left its checkpoint: from there, other slices' events are passed over
  // without a batch transaction (skipOthersEvents), as the projection runner does.
  let intakeAt: Checkpoint | undefined;

  /** Takes in every queued message the feed shows, then sends every message due now. */
  const cycle = async () => {
    for (;;) {
      const batch =
        (intakeAt && (await skipOthersEvents(db, store, intake, intakeAt))) ??
        (await runBatch(database, store, intake, batchSize));
      intakeAt = batch.checkpoint;
      if (!batch.more) break;
    }
    for (;;) {
      const due = await mail()
        .selectFrom('mail_deliveries')
        .selectAll()
        .where('next_attempt_at', '<=', clock.now())
        .orderBy('next_attempt_at')
        .limit(DUE_BATCH)
        .execute();
      for (const delivery of due) {
        // Stopping: what is left stays due for the next start.
        if (controller.signal.aborted) return;
        await deliver(delivery as Delivery);
      }
      if (due.length < DUE_BATCH) return;
    }
  };

  /** How long to sleep before the next due message (at most the idle poll). */
  const nextWaitMs = async () => {
    const row = await mail()
      .selectFrom('mail_deliveries')
      .select((eb) => eb.fn.min('next_attempt_at').as('next'))
      .executeTakeFirst();
    if (!row?.next) return IDLE_POLL_MS;
    return Math.max(5, Math.min(IDLE_POLL_MS, new Date(row.next).getTime() - clock.now().getTime()));
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

  const follow = async () => {
    const signal = controller.signal;
    while (!signal.aborted) {
      const owner = await acquire().catch(() => undefined);
      if (!owner) {
        await store.waitForEvents(2000, signal);
        continue;
      }
      try {
        await recoverInterrupted();
        let idleWait = 5;
        while (!signal.aborted) {
          const startedAt = Date.now();
          await cycle();
          await sweepOrphans();
          // Right after a wake-up an older transaction may still hide the new event: look again soon, backing off.
          const woke = await store.waitForEvents(Math.min(idleWait, await nextWaitMs()), signal);
          idleWait = woke ? 5 : Math.min(idleWait * 2, IDLE_POLL_MS);
          const gather = startedAt + GATHER_MS - Date.now();
          if (woke && gather > 0) await delay(gather, undefined, { signal }).catch(() => {});
        }
      } catch (error) {
        log?.error({ err: error }, 'mail reactor failed; retrying');
        await store.waitForEvents(1000, signal);
      } finally {
        if (owner !== 'embedded') {
          await owner.query('SELECT pg_advisory_unlock($1)', [lockKey]).catch(() => {});
          owner.release();
        }
      }
    }
  };

  return {
    /** Creates the reactor's checkpoint on first start (at the start of the log). */
    async prepare() {
      await insertCheckpoint(db, CHECKPOINT, intake.version);
    },
    start() {
      loop ??= follow();
    },
    async stop() {
      controller.abort();
      await loop;
      transport.close();
    },
    /** Tests drive the reactor: take in what is queued and send what is due now (no lock, no waiting). */
    drain: cycle,
    /** What a process that died mid-attempt left behind is due again (tests of the crash path). */
    recoverInterrupted,
    /** Erases week-old parameters of messages never queued in the log (at most once an hour). */
    sweepOrphans,
  };
};

export type MailReactor = ReturnType<typeof createMailReactor>;
