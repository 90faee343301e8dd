import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../kernel/clock';
import { parisDate } from '../kernel/paris-time';
import { addCalendarDays } from '../kernel/working-days';
import type { MailPort } from '../mail/port';

/** A step waiting for its owner, as the register knows it. */
export interface PendingStep {
  organisationId: string;
  complaintId: string;
  step: 'acknowledgement' | 'answer';
  receivedOn: string;
  dueOn: string;
  ownerEmail: string;
}

export interface ComplaintReactorOptions {
  clock: Clock;
  mail: MailPort;
  sweepMinutes: number;
  publicUrl: string;
  /** The steps not done whose due date is on or before `dueBy`, with their owner's address. */
  findPending(dueBy: string): Promise<PendingStep[]>;
  log?: FastifyBaseLogger;
}

/**
 * Reminds a complaint's owner by e-mail when its acknowledgement or answer is due tomorrow, and once it is overdue.
 * Each reminder's key names the complaint, the step, the due date and the kind, so the mail slice queues it once
 * whatever the number of sweeps, restarts or nodes; a new due date (changed settings) is a new reminder.
 */
export const createComplaintReactor = (options: ComplaintReactorOptions) => {
  const { clock, mail, log } = options;
  const controller = new AbortController();
  let loop: Promise<void> | undefined;

  const sweep = async () => {
    const today = parisDate(clock.now());
    const tomorrow = addCalendarDays(today, 1);
    let queued = 0;
    for (const pending of await options.findPending(tomorrow)) {
      const overdue = pending.dueOn < today;
      if (!overdue && pending.dueOn !== tomorrow) continue;
      await mail.queue({
        organisationId: pending.organisationId,
        to: pending.ownerEmail,
        locale: 'fr',
        template: 'complaint_deadline',
        params: {
          step: pending.step,
          dueOn: pending.dueOn,
          overdue,
          receivedOn: pending.receivedOn,
          complaintUrl: `${options.publicUrl}/complaints/${pending.complaintId}`,
        },
        actor: { type: 'system' },
        idempotencyKey: `complaint-deadline:${pending.complaintId}:${pending.step}:${pending.dueOn}:${overdue ? 'overdue' : 'tomorrow'}`,
      });
      queued++;
    }
    return { queued };
  };

  const follow = async (intervalMs: number) => {
    const signal = controller.signal;
    while (!signal.aborted) {
      try {
        await sweep();
      } catch (error) {
        log?.error({ err: error }, 'complaint deadline sweep failed; trying again at the next one');
      }
      await sleep(intervalMs, undefined, { signal }).catch(() => {});
    }
  };

  return {
    /** One sweep now (tests drive it with a fake clock). */
    sweep,
    /** Sweeps at start, then every COMPLAINT_SWEEP_MINUTES; 0 turns the timer off. */
    start() {
      if (options.sweepMinutes === 0) return;
      loop ??= follow(options.sweepMinutes * 60_000);
    },
    async stop() {
      controller.abort();
      await loop;
    },
  };
};

export type ComplaintReactor = ReturnType<typeof createComplaintReactor>;
