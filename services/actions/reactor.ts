import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import {
  advanceCheckpointFrom,
  insertCheckpoint,
  readCheckpoint,
} from '../../projections/runner/checkpoints';
import type { Db } from '../db/database';
import type { PostgresEventStore } from '../eventstore/postgres';
import { type Checkpoint, compareCheckpoints } from '../eventstore/types';
import type { Clock } from '../kernel/clock';
import { runCommand } from '../kernel/command';
import { parisDate } from '../kernel/paris-time';
import { addCalendarDays } from '../kernel/working-days';
import type { MailPort } from '../mail/port';
import { actionDecider } from './decider';
import { actionStream } from './events';
import { actionIdOfRequest, IMPROVEMENT_REQUEST_SOURCES, improvementRequestOf } from './requests';

/** An open action with a due date, as the plan knows it, with its owner's address. */
export interface DueAction {
  organisationId: string;
  actionId: string;
  dueOn: string;
  ownerEmail: string;
}

export interface ActionReactorOptions {
  db: Db;
  store: PostgresEventStore;
  clock: Clock;
  mail: MailPort;
  sweepMinutes: number;
  publicUrl: string;
  /** Open actions due on or before `dueBy`, with their owner's address. */
  findDue(dueBy: string): Promise<DueAction[]>;
  log?: FastifyBaseLogger;
}

/** The pickup's checkpoint, in the projections' table: it follows the feed like a read model. */
const CHECKPOINT = 'action_pickup';
const BATCH = 500;
/** The only events the pickup reads: the requests; every other event goes by unread (not parsed, not opened). */
const REQUEST_TYPES = Object.keys(IMPROVEMENT_REQUEST_SOURCES);
/**
 * Any append wakes the pickup, hundreds a second while a class answers: after a wake-up it looks at most every
 * this many ms. A planned action is not awaited by anyone's request (tests call pickUp themselves).
 */
const EVENT_GATHER_MS = 250;

/**
 * Two duties of the improvement plan. It follows the log from its own checkpoint and turns each improvement
 * request another slice recorded into a planned action (its id derived from the request, so a replay or a second
 * runner plans it once). And it reminds an action's owner when it is due tomorrow and once it is overdue (each
 * reminder keyed by action, due date and kind: queued once whatever the sweeps, restarts or nodes).
 */
export const createActionReactor = (options: ActionReactorOptions) => {
  const { db, store, clock, mail, log } = options;
  const controller = new AbortController();
  const loops: Promise<void>[] = [];
  let prepared = false;

  // Where this reactor's last pickup left the checkpoint: from there, the events of other kinds going by cost one
  // look and one compare-and-set (as the projections' skipOthersEvents), not a read of every event.
  let known: Checkpoint | undefined;

  /** From the checkpoint it left, passes other events by; answers false when it has requests to read. */
  const passOthersBy = async (from: Checkpoint): Promise<boolean> => {
    const tail = await store.feedTailOfTypes(db, from, REQUEST_TYPES);
    if (tail.pending) return false;
    if (compareCheckpoints(tail.end, from) > 0) {
      // Another runner moved it meanwhile: read it again next time.
      known = (await advanceCheckpointFrom(db, CHECKPOINT, from, tail.end)) ? tail.end : undefined;
    }
    return true;
  };

  /** Plans the requests recorded since the checkpoint; answers how many actions it planned. */
  const pickUp = async () => {
    if (!prepared) {
      await insertCheckpoint(db, CHECKPOINT, 1);
      prepared = true;
    }
    let planned = 0;
    for (;;) {
      if (known && (await passOthersBy(known))) return planned;
      const from = await readCheckpoint(db, CHECKPOINT);
      if (!from) return planned;
      const batch = await store.readFeedOfTypesIn(db, from, BATCH, REQUEST_TYPES);
      for (const event of batch.events) {
        const request = improvementRequestOf(event.type, event.data as Record<string, unknown>);
        if (!request) continue;
        const { organisationId } = event.metadata;
        const actionId = actionIdOfRequest(organisationId, request.requestId);
        const result = await runCommand(
          {
            store,
            clock,
            organisationId,
            actor: { type: 'system' },
            correlationId: event.metadata.correlationId,
          },
          actionDecider,
          actionStream(actionId),
          {
            type: 'PlanAction',
            actionId,
            subject: request.subject,
            content: {
              title: request.title,
              description: null,
              // A complaint or an incident asks for a correction; a view in an answer, an improvement.
              type: request.origin.type === 'feedback' ? 'improvement' : 'corrective',
              priority: 'normal',
              ownerId: request.requestedBy,
              dueOn: null,
              origins: [request.origin],
            },
            requestId: request.requestId,
            followUpOf: null,
            today: parisDate(clock.now()),
          },
        );
        planned += result.events.length;
      }
      if (compareCheckpoints(batch.checkpoint, from) <= 0) {
        known = from;
        return planned;
      }
      // Another runner moving it first is fine: what it planned, this one plans as nothing.
      const moved = await advanceCheckpointFrom(db, CHECKPOINT, from, batch.checkpoint);
      known = moved ? batch.checkpoint : undefined;
      if (!batch.more) return planned;
    }
  };

  /**
   * Picks up until the checkpoint has passed `position`. An event becomes readable in the feed only once every
   * earlier transaction has ended, so one pickup right after a request may not see it yet; this one waits for it.
   */
  const pickUpThrough = async (position: number, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await pickUp();
      const checkpoint = await readCheckpoint(db, CHECKPOINT);
      if (checkpoint && checkpoint.position >= position) return;
      if (Date.now() > deadline) throw new Error(`action pickup did not reach position ${position}`);
      await sleep(25);
    }
  };

  /** Queues the reminders due today (Paris): due tomorrow, or overdue. */
  const sweep = async () => {
    const today = parisDate(clock.now());
    const tomorrow = addCalendarDays(today, 1);
    let queued = 0;
    for (const due of await options.findDue(tomorrow)) {
      const overdue = due.dueOn < today;
      if (!overdue && due.dueOn !== tomorrow) continue;
      await mail.queue({
        organisationId: due.organisationId,
        to: due.ownerEmail,
        locale: 'fr',
        template: 'action_due',
        params: {
          dueOn: due.dueOn,
          overdue,
          actionUrl: `${options.publicUrl}/improvement-actions/${due.actionId}`,
        },
        actor: { type: 'system' },
        idempotencyKey: `action-due:${due.actionId}:${due.dueOn}:${overdue ? 'overdue' : 'tomorrow'}`,
      });
      queued++;
    }
    return { queued };
  };

  const repeat = async (what: string, run: () => Promise<unknown>, wait: () => Promise<unknown>) => {
    const signal = controller.signal;
    while (!signal.aborted) {
      try {
        await run();
      } catch (error) {
        log?.error({ err: error }, `${what} failed; trying again`);
      }
      await wait().catch(() => {});
    }
  };

  return {
    /** Plans every request recorded since the last pickup (tests drive it). */
    pickUp,
    /** Plans every request recorded up to `position`, waiting for the feed to show them (tests drive it). */
    pickUpThrough,
    /** One reminder sweep now (tests drive it with a fake clock). */
    sweep,
    /** Follows the log for requests; sweeps reminders at start then every ACTION_SWEEP_MINUTES (0: off). */
    start() {
      if (loops.length > 0) return;
      const signal = controller.signal;
      loops.push(
        repeat('action pickup', pickUp, async () => {
          if (await store.waitForEvents(1000, signal)) await sleep(EVENT_GATHER_MS, undefined, { signal });
        }),
      );
      if (options.sweepMinutes > 0) {
        const every = options.sweepMinutes * 60_000;
        loops.push(repeat('action reminder sweep', sweep, () => sleep(every, undefined, { signal })));
      }
    },
    async stop() {
      controller.abort();
      await Promise.all(loops);
    },
  };
};

export type ActionReactor = ReturnType<typeof createActionReactor>;
