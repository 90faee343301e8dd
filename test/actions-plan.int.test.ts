import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../services/access/accounts';
import type { Role } from '../services/kernel/auth';
import { fixedClock } from '../services/kernel/clock';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';

describe('the improvement plan read: burndown over weeks, and free text read as its source', () => {
  // Tuesday 27 April 2027, 10:00 in Paris.
  const clock = fixedClock(new Date('2027-04-27T08:00:00Z'));
  const DAY = 24 * 3600_000;
  let t: TestApp;
  let cookie: string;
  let organisationId: string;
  let userId: string;
  let email: string;

  /** Moves the clock on; the session idles out meanwhile, so sign in again. */
  const advance = async (ms: number) => {
    clock.advance(ms);
    cookie = await t.login(email, PASSWORD);
  };

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie, ...headers } });
  const read = async (as: string, query: string, variables: Record<string, unknown> = {}) => {
    const result = await graphql(t.app, as, query, variables, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const plan = async (title: string) => {
    const planned = await post('/api/improvement-actions', {
      title,
      description: null,
      type: 'preventive',
      priority: 'normal',
      ownerId: userId,
      dueOn: '2027-06-30',
      origins: [{ type: 'internal_review', id: null, indicator: null }],
    });
    expect(planned.statusCode, planned.body).toBe(201);
    return planned.json().id as string;
  };
  const step = async (id: string, path: string, body: object = {}) => {
    const done = await post(`/api/improvement-actions/${id}/${path}`, body);
    expect(done.statusCode, done.body).toBe(200);
  };
  const member = async (role: Role) => {
    const address = `${role}.${crypto.randomUUID()}@example.fr`;
    await registerAccount(
      { db: t.database.db, store: t.store, clock },
      { organisationId, email: address, displayName: `Membre ${role}`, role, password: PASSWORD },
    );
    return t.login(address, PASSWORD);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { ACTION_SWEEP_MINUTES: '0' } });
    ({ cookie, organisationId, userId, email } = await t.organisation('Formations Plan'));
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('counts the actions open at the end of each week: planned by then, neither closed nor cancelled by then', async () => {
    const kept = await plan('Revoir le livret d’accueil');
    const dropped = await plan('Doublon du livret');
    await advance(DAY);
    await step(dropped, 'cancellation', { reason: 'duplicate', note: null });
    // The next week: one more action, and the first one carried out and found effective.
    await advance(6 * DAY);
    await plan('Former les formateurs à l’accessibilité');
    await step(kept, 'start');
    await step(kept, 'completion', { summary: null });
    await step(kept, 'effectiveness-check', { outcome: 'effective', comment: 'Livret apprécié' });

    const { improvementPlanBurndown: weeks } = (await read(
      cookie,
      '{ improvementPlanBurndown { weekOf open } }',
    )) as {
      improvementPlanBurndown: { weekOf: string; open: number }[];
    };
    expect(weeks).toHaveLength(26);
    expect(weeks.slice(-3)).toEqual([
      { weekOf: '2027-04-19', open: 0 },
      { weekOf: '2027-04-26', open: 1 },
      { weekOf: '2027-05-03', open: 1 },
    ]);
    const { improvementPlanCounters } = await read(
      cookie,
      '{ improvementPlanCounters { total planned closed cancelled overdue toSchedule } }',
    );
    expect(improvementPlanCounters).toEqual({
      total: 3,
      planned: 1,
      closed: 1,
      cancelled: 1,
      overdue: 0,
      toSchedule: 0,
    });
  });

  it('shows a title that may quote a complaint only to those who read the complaint', async () => {
    const recorded = await post('/api/complaints', {
      channel: 'phone',
      group: 'learner',
      anonymous: false,
      name: 'Jeanne Martin',
      email: 'jeanne.martin@example.fr',
      text: 'Personne ne m’a rappelée.',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const complaintId = recorded.json().id as string;
    const requested = await post(`/api/complaints/${complaintId}/improvement-requests`, {
      title: 'Rappeler Mme Martin et les suivants sous 48 h',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    await t.actionReactor.pickUpThrough(await t.lastPosition());

    const query = `query ($id: ID!) { actionsByOrigin(type: complaint, id: $id) {
      title detailsHidden history { text }
    } }`;
    const asAdmin = await read(cookie, query, { id: complaintId });
    expect(asAdmin.actionsByOrigin).toEqual([
      {
        title: 'Rappeler Mme Martin et les suivants sous 48 h',
        detailsHidden: false,
        history: [{ text: null }],
      },
    ]);
    for (const role of ['auditor', 'contributor'] as const) {
      const other = await read(await member(role), query, { id: complaintId });
      expect(other.actionsByOrigin, role).toEqual([
        { title: null, detailsHidden: true, history: [{ text: null }] },
      ]);
    }
    // An action of the organisation's own making reads for every member.
    const { improvementActions } = (await read(
      await member('auditor'),
      '{ improvementActions { title } }',
    )) as {
      improvementActions: { title: string | null }[];
    };
    expect(improvementActions.map((action) => action.title)).toContain(
      'Former les formateurs à l’accessibilité',
    );
  });
});
