import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionProjection } from '../projections/retention/projection';
import { rebuildProjection } from '../projections/runner/rebuild';
import { registerAccount } from '../services/access/accounts';
import { teamStream } from '../services/access/events';
import { deactivate, reactivate } from '../services/access/team';
import { execute } from '../services/db/database';
import type { RecordedEvent } from '../services/eventstore/types';
import { feedbackResponseStream } from '../services/feedback/events';
import { fixedClock } from '../services/kernel/clock';
import type { CommandContext } from '../services/kernel/command';
import { newId } from '../services/kernel/ids';
import { parisOffsetMinutes } from '../services/kernel/paris-time';
import { mailStream } from '../services/mail/events';
import { ERASED } from '../services/privacy/declarations';
import { privacySubjectStream } from '../services/privacy/events';
import { RETENTION_CATEGORIES, type RetentionCategory } from '../services/retention/events';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';
import { invitationLink } from './support/team';
import { openFeedbackLink } from './support/training-fixture';

const DAY = 86_400_000;
const SETUP = new Date('2026-06-01T08:00:00Z');
/** When the sweep runs: 11:00 in Paris, winter time. */
const NOW = new Date('2029-01-15T10:00:00Z');

/** The same Paris wall-clock time `months` months earlier (how the read model counts a period). */
const monthsBefore = (at: Date, months: number) => {
  const wall = new Date(at.getTime() + parisOffsetMinutes(at) * 60_000);
  wall.setUTCMonth(wall.getUTCMonth() - months);
  const guess = new Date(wall.getTime() - parisOffsetMinutes(wall) * 60_000);
  return new Date(wall.getTime() - parisOffsetMinutes(guess) * 60_000);
};

type Org = 'A' | 'B';
type Kind = 'comment' | 'mail' | 'invitation' | 'departed';
const CATEGORY: Record<Kind, RetentionCategory> = {
  comment: 'feedback_comments',
  mail: 'contact_logs',
  invitation: 'contact_logs',
  departed: 'departed_accounts',
};
/** A sets its own periods; B keeps the defaults. */
const PERIODS: Record<Org, Record<RetentionCategory, number>> = {
  A: {
    feedback_comments: 12,
    complaints: 60,
    contact_logs: 6,
    departed_accounts: 3,
    campaign_respondents: 24,
    incidents: 36,
  },
  B: {
    feedback_comments: 24,
    complaints: 60,
    contact_logs: 12,
    departed_accounts: 12,
    campaign_respondents: 24,
    incidents: 36,
  },
};

interface Case {
  name: string;
  org: Org;
  kind: Kind;
  /** When the period started, as months and days before NOW. */
  months: number;
  days: number;
  /** Deactivated, then reactivated this many days later. */
  reactivatedAfterDays?: number;
  /** Erased by the sweep at NOW; `later` once the clock moved one more day. */
  expected: 'erased' | 'kept' | 'later';
}

const boundaries: Case[] = (['A', 'B'] as const).flatMap((org) =>
  (['comment', 'mail', 'invitation', 'departed'] as const).flatMap((kind): Case[] => {
    const months = PERIODS[org][CATEGORY[kind]];
    return [
      { name: `${org} ${kind}, a day past its period`, org, kind, months, days: 1, expected: 'erased' },
      { name: `${org} ${kind}, its period ending now`, org, kind, months, days: 0, expected: 'erased' },
      {
        name: `${org} ${kind}, a day before its period ends`,
        org,
        kind,
        months,
        days: -1,
        expected: 'later',
      },
    ];
  }),
);
const cases: Case[] = [
  ...boundaries,
  {
    name: 'B comment past A’s period only',
    org: 'B',
    kind: 'comment',
    months: 12,
    days: 1,
    expected: 'kept',
  },
  {
    name: 'B departed past A’s period only',
    org: 'B',
    kind: 'departed',
    months: 3,
    days: 1,
    expected: 'kept',
  },
  {
    name: 'A member deactivated long ago, then reactivated',
    org: 'A',
    kind: 'departed',
    months: 3,
    days: 20,
    reactivatedAfterDays: 5,
    expected: 'kept',
  },
];

interface Seeded extends Case {
  subjectId: string;
  /** The personal value as the log reads it now (through the vault). */
  read(): Promise<unknown>;
}

describe('retention: the reactor erases exactly what is past its organisation’s period', () => {
  const clock = fixedClock(SETUP);
  const setClock = (at: Date) => clock.advance(at.getTime() - clock.now().getTime());
  let t: TestApp;
  const seeded: Seeded[] = [];
  const admins = {} as Record<Org, { organisationId: string; userId: string; email: string; cookie: string }>;

  const settled = async () => {
    expect(await t.runner.waitForPosition(await t.lastPosition(), 30_000)).toBe(true);
  };
  const teamEvent = async (org: Org, type: string, match: (data: Record<string, unknown>) => boolean) => {
    const events = (await t.store.readStream(teamStream(admins[org].organisationId))) as RecordedEvent<
      string,
      Record<string, unknown>
    >[];
    return events.find((event) => event.type === type && match(event.data));
  };

  const seed = async (c: Case, link: { linkId: string; sessionId: string; actionId: string }) => {
    const { organisationId, userId: adminId } = admins[c.org];
    const at = new Date(monthsBefore(NOW, c.months).getTime() - c.days * DAY);
    setClock(at);
    const secret = `${c.name} (secret ${newId()})`;
    switch (c.kind) {
      case 'comment': {
        const responseId = newId();
        await t.store.append(
          feedbackResponseStream(responseId),
          [
            {
              id: newId(),
              type: 'FeedbackSubmitted',
              data: {
                responseId,
                linkId: link.linkId,
                sessionId: link.sessionId,
                trainingActionId: link.actionId,
                audience: 'learner',
                rating: 4,
                comment: secret,
                sessionTitle: 'Session',
                trainingTitle: 'Action',
              },
              metadata: {
                organisationId,
                actor: { type: 'public' },
                occurredAt: at.toISOString(),
                schemaVersion: 1,
              },
            },
          ],
          { expectedRevision: 'no_stream' },
        );
        const read = async () => (await t.store.readStream(feedbackResponseStream(responseId)))[0]!.data;
        return {
          subjectId: `respondent:${responseId}`,
          read: async () => ((await read()) as { comment: string }).comment,
        };
      }
      case 'mail': {
        const { messageId } = await t.mail.queue({
          organisationId,
          to: `${newId()}@exemple.fr`,
          locale: 'fr',
          template: 'sign_in_failures',
          params: { failures: 5, lastAttemptAt: at.toISOString() },
          actor: { type: 'system' },
        });
        return {
          subjectId: `contact:${messageId}`,
          read: async () => ((await t.store.readStream(mailStream(messageId)))[0]!.data as { to: string }).to,
        };
      }
      case 'invitation': {
        const email = `invite.${newId()}@exemple.fr`;
        const { invitationId } = await invitationLink(t, { ...admins[c.org] }, email, 'contributor', clock);
        return {
          subjectId: `contact:${invitationId}`,
          read: async () =>
            (await teamEvent(c.org, 'InvitationSent', (data) => data.invitationId === invitationId))?.data
              .email,
        };
      }
      case 'departed': {
        setClock(SETUP);
        const { userId } = await registerAccount(
          { db: t.database.db, store: t.store, clock },
          {
            organisationId,
            email: `parti.${newId()}@exemple.fr`,
            displayName: secret,
            role: 'contributor',
            password: PASSWORD,
            actorId: adminId,
          },
        );
        setClock(at);
        const viewer = { ...admins[c.org], role: 'admin' as const, displayName: 'Admin' };
        const context = (): CommandContext => ({
          store: t.store,
          clock,
          organisationId,
          actor: { type: 'user', id: adminId },
        });
        await deactivate(context(), t.database.db, viewer, userId);
        if (c.reactivatedAfterDays !== undefined) {
          clock.advance(c.reactivatedAfterDays * DAY);
          await reactivate(context(), t.database.db, viewer, userId);
        }
        return {
          subjectId: `user:${userId}`,
          read: async () =>
            (await teamEvent(c.org, 'UserRegistered', (data) => data.userId === userId))?.data.displayName,
        };
      }
    }
  };

  const erasureRecords = async (subjectId: string) => t.store.readStream(privacySubjectStream(subjectId));

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { RETENTION_SWEEP_MINUTES: '0' } });
    const links = {} as Record<Org, Awaited<ReturnType<typeof openFeedbackLink>>>;
    for (const org of ['A', 'B'] as const) {
      setClock(SETUP);
      admins[org] = await t.organisation(`Organisme ${org}`);
      links[org] = await openFeedbackLink(t, admins[org].cookie);
    }
    const { feedback_comments, contact_logs, departed_accounts } = PERIODS.A;
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/retention/periods',
      headers: { cookie: admins.A.cookie, 'if-match': '-1' },
      payload: { periods: { feedback_comments, contact_logs, departed_accounts } },
    });
    expect(set.statusCode, set.body).toBe(200);
    for (const c of cases) seeded.push({ ...c, ...(await seed(c, links[c.org])) });
    setClock(NOW);
    await settled();
  });
  afterAll(() => t?.stop());

  it('holds every seeded value before the sweep', async () => {
    for (const s of seeded) expect(await s.read(), s.name).not.toBe(ERASED);
  });

  it('shows each organisation’s admins what the next sweep erases and what comes within 30 days', async () => {
    for (const org of ['A', 'B'] as const) {
      const cookie = await t.login(admins[org].email, PASSWORD);
      const result = await graphql(
        t.app,
        cookie,
        '{ retentionSettings { categories { category months dueNow dueSoon } } }',
      );
      expect(result.errors).toBeUndefined();
      const count = (category: RetentionCategory, expected: Case['expected']) =>
        seeded.filter((s) => s.org === org && CATEGORY[s.kind] === category && s.expected === expected)
          .length;
      expect((result.data!.retentionSettings as { categories: unknown[] }).categories).toEqual(
        RETENTION_CATEGORIES.map((category) => ({
          category,
          months: PERIODS[org][category],
          dueNow: count(category, 'erased'),
          dueSoon: count(category, 'later'),
        })),
      );
    }
  });

  it('erases what is past its period (at the boundary included) and keeps the rest', async () => {
    const { erased } = await t.retentionReactor.sweep();
    const expected = seeded.filter((s) => s.expected === 'erased');
    expect(erased.toSorted()).toEqual(expected.map((s) => s.subjectId).toSorted());
    for (const s of seeded) {
      const records = await erasureRecords(s.subjectId);
      if (s.expected === 'erased') {
        expect(await s.read(), s.name).toBe(ERASED);
        expect(records, s.name).toHaveLength(1);
        expect(records[0]!.data, s.name).toEqual({
          subjectId: s.subjectId,
          reason: 'retention_expired',
          erasedBy: 'system',
        });
        expect(records[0]!.metadata.actor.type).toBe('system');
        expect(records[0]!.metadata.organisationId).toBe(admins[s.org].organisationId);
      } else {
        expect(await s.read(), s.name).not.toBe(ERASED);
        expect(records, s.name).toEqual([]);
      }
    }
  });

  it('erases nothing more and records nothing twice when run again', async () => {
    // Even before the read model has seen its own erasures, a repeat records nothing.
    expect((await t.retentionReactor.sweep()).erased).toEqual([]);
    await settled();
    expect((await t.retentionReactor.sweep()).erased).toEqual([]);
    for (const s of seeded.filter((c) => c.expected === 'erased')) {
      expect(await erasureRecords(s.subjectId), s.name).toHaveLength(1);
    }
    // The read models that copied the values scrub them: sent mail's recipients, answers' comments.
    for (const s of seeded.filter((c) => c.kind === 'mail' || c.kind === 'comment')) {
      const [kind, id] = s.subjectId.split(':');
      const [row] = await execute<{ value: string }>(
        t.database.db,
        kind === 'contact'
          ? 'SELECT recipient AS value FROM mail_messages WHERE id = $1'
          : 'SELECT comment AS value FROM feedback_responses WHERE id = $1',
        [id],
      );
      if (s.expected === 'erased') expect(row?.value, s.name).toBe(ERASED);
      else expect(row?.value, s.name).toBe(await s.read());
    }
  });

  it('erases the rest as their periods end when the clock moves on, and never the kept ones', async () => {
    clock.advance(DAY);
    // Two processes sweeping at once: each subject is erased and recorded by one of them only.
    const sweeps = await Promise.all([t.retentionReactor.sweep(), t.retentionReactor.sweep()]);
    const erased = sweeps.flatMap((sweep) => sweep.erased);
    expect(erased.toSorted()).toEqual(
      seeded
        .filter((s) => s.expected === 'later')
        .map((s) => s.subjectId)
        .toSorted(),
    );
    for (const s of seeded) {
      const kept = s.expected === 'kept';
      expect(await s.read(), s.name).toSatisfy((value) => (value === ERASED) !== kept);
      expect(await erasureRecords(s.subjectId), s.name).toHaveLength(kept ? 0 : 1);
    }
  });

  it('rebuilds the retention read model from the log into the same rows', async () => {
    await settled();
    const snapshot = async () => {
      const rows: Record<string, unknown[]> = {};
      for (const table of retentionProjection.tables) {
        rows[table] = await execute(t.database.db, `SELECT * FROM ${table} t ORDER BY t::text`);
      }
      return rows;
    };
    const before = await snapshot();
    // The kept subjects but the reactivated member, whose data is no longer on a retention clock.
    expect(before.retention_subjects).toHaveLength(seeded.filter((s) => s.expected === 'kept').length - 1);
    await rebuildProjection(t.database, t.store, retentionProjection);
    expect(await snapshot()).toEqual(before);
  });
});
