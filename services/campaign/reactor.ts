import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PoolClient } from 'pg';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { EventStore, RecordedEvent } from '../eventstore/types';
import type { Clock } from '../kernel/clock';
import { type CommandContext, type Decider, runCommand } from '../kernel/command';
import { isAppError } from '../kernel/errors';
import type { CampaignMailParams, MailPort } from '../mail/port';
import { ERASED } from '../privacy/declarations';
import type { Vault } from '../privacy/vault';
import { type CampaignCommand, type CampaignState, campaignDecider } from './decider';
import {
  type CampaignEvent,
  type CampaignPlanned,
  type CampaignRespondentAdded,
  campaignStream,
} from './events';
import { CAMPAIGN_LINK_KEY_PURPOSE, campaignLinkPath, campaignLinkToken, optOutPath } from './links';
import { type DueMessage, dueMessages, isPastClosing } from './schedule';

const lockKey = createHash('sha256').update('reactor:campaign').digest().readBigInt64BE(0);
/** Campaigns read per page of the read model. */
const PAGE = 100;
/** Messages queued per sweep at most: a big backlog is spread over a few sweeps. */
const MESSAGES_PER_SWEEP = 1000;
/** Messages queued before they are recorded on the campaign's stream (one append for them all). */
const RECORD_EVERY = 50;

type Log = { info(obj: object, msg: string): void; error(obj: object, msg: string): void };

/** A campaign the reactor should look at (the campaigns read model). */
export interface CampaignToSweep {
  id: string;
  organisation_id: string;
}

export interface CampaignReactorOptions {
  database: Database;
  store: EventStore;
  clock: Clock;
  config: Pick<Config, 'CAMPAIGN_SWEEP_MINUTES'>;
  mail: MailPort;
  vault: Vault;
  /** Where respondents' links point: the public base URL, without a trailing slash. */
  publicUrl: string;
  /** Planned campaigns with something maybe due at `now`, in id order after `after` (the campaigns read model). */
  findDue(now: Date, limit: number, after?: string): Promise<CampaignToSweep[]>;
  log?: Log;
}

export interface SweepResult {
  /** Messages queued (and recorded) by this sweep. */
  queued: number;
  /** Campaigns closed because their last day was over. */
  closed: string[];
  /** Campaigns whose handling failed (logged; the next sweep tries again). */
  failed: string[];
}

type RecordCommand = Extract<CampaignCommand, { type: 'RecordMessageQueued' }>;

/**
 * Records several queued messages in one append. A respondent removed meanwhile is skipped (their message went,
 * there is nothing to remember); a campaign closed meanwhile refuses the lot.
 */
const recordMessages: Decider<CampaignState, RecordCommand[], CampaignEvent> = {
  initialState: campaignDecider.initialState,
  evolve: campaignDecider.evolve,
  decide(commands, state) {
    const events: CampaignEvent[] = [];
    let current = state;
    for (const command of commands) {
      let decided: CampaignEvent[];
      try {
        decided = campaignDecider.decide(command, current);
      } catch (error) {
        if (isAppError(error) && error.code === 'respondent_not_found') continue;
        throw error;
      }
      for (const event of decided) current = campaignDecider.evolve(current, event);
      events.push(...decided);
    }
    return events;
  },
};

/** What the campaign's stream says, beyond the decider's state: the plan, the people, when each was last sent to. */
interface CampaignFile {
  organisationId: string;
  state: CampaignState;
  planned: CampaignPlanned['data'];
  people: Map<string, CampaignRespondentAdded['data']>;
  lastSentAt: Map<string, Date>;
}

const readCampaign = (history: readonly RecordedEvent[]): CampaignFile | undefined => {
  const first = history[0];
  if (first?.type !== 'CampaignPlanned') return undefined;
  const people = new Map<string, CampaignRespondentAdded['data']>();
  const lastSentAt = new Map<string, Date>();
  let state = campaignDecider.initialState;
  for (const recorded of history) {
    // A campaign's stream holds only the campaign decider's events.
    const event = { type: recorded.type, data: recorded.data } as CampaignEvent;
    state = campaignDecider.evolve(state, event);
    if (event.type === 'CampaignRespondentAdded') people.set(event.data.respondentId, event.data);
    if (event.type === 'CampaignMessageQueued') {
      lastSentAt.set(event.data.respondentId, new Date(recorded.metadata.occurredAt));
    }
  }
  return {
    organisationId: first.metadata.organisationId,
    state,
    planned: first.data as CampaignPlanned['data'],
    people,
    lastSentAt,
  };
};

/** What a campaign's messages say about what is asked. */
const aboutOf = (target: CampaignPlanned['data']['target']): CampaignMailParams['about'] =>
  target.kind === 'session'
    ? { kind: 'session', trainingTitle: target.trainingTitle, sessionTitle: target.sessionTitle }
    : { kind: 'period', label: target.label };

const targetLabelOf = (target: CampaignPlanned['data']['target']) =>
  target.kind === 'session' ? target.sessionTitle : target.label;

/**
 * Sends campaigns' invitations and reminders, and closes campaigns past their last day. Every
 * CAMPAIGN_SWEEP_MINUTES (and at start) it reads the clock once, pages through the planned campaigns the read
 * model shows with something maybe due, and for each folds the campaign's stream — the authority on who answered
 * or opted out — into what `dueMessages` says is due now.
 *
 * Crash safety. Each message is queued to the mail port first, under a key naming the campaign, the respondent
 * and the message (`campaign:<campaignId>:<respondentId>:<reminder>`), then recorded on the campaign's stream
 * (`CampaignMessageQueued`). A crash between the two leaves the message queued but unrecorded: the next sweep
 * finds it due again, queues it again — the key makes that a no-op answering the same message id — and records
 * it. So a message is neither lost nor doubled. Links are derived (links.ts), so the retry's message is the same.
 *
 * One sweep at a time across processes (an advisory lock on PostgreSQL); a failing campaign is logged and the
 * others go on.
 */
export const createCampaignReactor = (options: CampaignReactorOptions) => {
  const { database, store, clock, config, mail, vault, publicUrl, findDue, log } = options;
  const linkKey = vault.derivedKey(CAMPAIGN_LINK_KEY_PURPOSE);
  const controller = new AbortController();
  let loop: Promise<void> | undefined;

  const contextOf = (organisationId: string): CommandContext => ({
    store,
    clock,
    organisationId,
    actor: { type: 'system' },
  });

  const close = async (campaignId: string, organisationId: string) => {
    const result = await runCommand(contextOf(organisationId), campaignDecider, campaignStream(campaignId), {
      type: 'CloseCampaign',
      reason: 'closing_date',
    });
    return result.events.length > 0;
  };

  /** Queues one message; answers what to record on the campaign's stream. */
  const queue = async (file: CampaignFile, campaignId: string, due: DueMessage): Promise<RecordCommand> => {
    const person = file.people.get(due.respondentId)!;
    const token = campaignLinkToken(linkKey, 'personal', due.respondentId);
    const { planned } = file;
    const params: CampaignMailParams = {
      firstName: person.firstName,
      about: aboutOf(planned.target),
      closesOn: file.state.schedule!.closesOn,
      anonymous: planned.anonymous,
      formUrl: `${publicUrl}${campaignLinkPath(token)}`,
      optOutUrl: `${publicUrl}${optOutPath(token)}`,
    };
    const { messageId } = await mail.queue({
      organisationId: file.organisationId,
      to: person.email,
      locale: 'fr',
      template: due.reminder === 0 ? 'campaign_invitation' : 'campaign_reminder',
      params,
      actor: { type: 'system' },
      idempotencyKey: `campaign:${campaignId}:${due.respondentId}:${due.reminder}`,
    });
    return {
      type: 'RecordMessageQueued',
      respondentId: due.respondentId,
      reminder: due.reminder,
      messageId,
      audience: planned.audience,
      targetLabel: targetLabelOf(planned.target),
    };
  };

  const record = async (file: CampaignFile, campaignId: string, commands: RecordCommand[]) => {
    if (commands.length === 0) return 0;
    const result = await runCommand(
      contextOf(file.organisationId),
      recordMessages,
      campaignStream(campaignId),
      commands,
    );
    return result.events.length;
  };

  /** One campaign: closes it when its last day is over, else queues and records what is due, within `budget`. */
  const handle = async (campaign: CampaignToSweep, now: Date, budget: number, result: SweepResult) => {
    const file = readCampaign(await store.readStream(campaignStream(campaign.id)));
    // The read model and the stream must agree on whose campaign it is; anything else is left alone.
    if (!file || file.organisationId !== campaign.organisation_id) return;
    const { state } = file;
    if (state.status !== 'planned' || !state.schedule) return;
    if (isPastClosing(state.schedule, now)) {
      if (await close(campaign.id, file.organisationId)) result.closed.push(campaign.id);
      return;
    }
    const due = dueMessages(state, now, (respondentId) => file.lastSentAt.get(respondentId))
      // An erased respondent's address reads as ERASED: nobody to write to.
      .filter((message) => file.people.get(message.respondentId)?.email !== ERASED)
      .slice(0, budget);
    let pending: RecordCommand[] = [];
    for (const message of due) {
      if (controller.signal.aborted) break;
      pending.push(await queue(file, campaign.id, message));
      if (pending.length >= RECORD_EVERY) {
        result.queued += await record(file, campaign.id, pending);
        pending = [];
      }
    }
    result.queued += await record(file, campaign.id, pending);
  };

  /** One pass over what is due now: what it queued, closed, and the campaigns that failed. */
  const sweep = async (): Promise<SweepResult> => {
    const now = clock.now();
    const result: SweepResult = { queued: 0, closed: [], failed: [] };
    for (let after: string | undefined; ; ) {
      const page = await findDue(now, PAGE, after);
      for (const campaign of page) {
        if (controller.signal.aborted || result.queued >= MESSAGES_PER_SWEEP) return result;
        try {
          await handle(campaign, now, MESSAGES_PER_SWEEP - result.queued, result);
        } catch (error) {
          // One campaign's failure never stops the others; the next sweep tries it again.
          result.failed.push(campaign.id);
          log?.error({ err: error, campaignId: campaign.id }, 'campaign sweep: a campaign failed');
        }
      }
      if (page.length < PAGE) break;
      after = page.at(-1)!.id;
    }
    if (result.queued > 0 || result.closed.length > 0) {
      log?.info({ queued: result.queued, closed: result.closed.length }, 'campaign sweep: messages queued');
    }
    return result;
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
          log?.error({ err: error }, 'campaign sweep failed; trying again at the next one');
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
    /** Sweeps at start, then every CAMPAIGN_SWEEP_MINUTES; 0 turns the timer off. */
    start() {
      if (config.CAMPAIGN_SWEEP_MINUTES === 0) return;
      loop ??= follow(config.CAMPAIGN_SWEEP_MINUTES * 60_000);
    },
    async stop() {
      controller.abort();
      await loop;
    },
    /** One sweep now (tests drive it with a fake clock; no lock, no timer). */
    sweep,
  };
};

export type CampaignReactor = ReturnType<typeof createCampaignReactor>;
