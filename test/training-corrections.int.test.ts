import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../services/access/accounts';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';
import { answer, openFeedbackLink } from './support/training-fixture';

const ACTION = `query ($id: ID!) {
  trainingAction(id: $id) {
    title category certifying archived revision
    sessions(includeArchived: true) { id title startsOn endsOn site cancelled archived }
    history { kind actorName reason title category certifying }
  }
}`;
const SESSION = `query ($id: ID!) {
  trainingSession(id: $id) {
    title startsOn endsOn site cancelled archived trainingAction { id revision }
    history { kind actorName reason title startsOn endsOn site }
  }
}`;

describe('training corrections: each change is an event with who and why, shown in the history', () => {
  let t: TestApp;
  let cookie: string;

  const post = (
    url: string,
    payload: object = {},
    headers: Record<string, string> = {},
    as = cookie,
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie: as, ...headers } });
  const read = async (query: string, variables: Record<string, unknown>) => {
    const result = await graphql(t.app, cookie, query, variables, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const memberOf = async (organisationId: string, role: 'contributor' | 'auditor') => {
    const email = `${role}.${crypto.randomUUID()}@example.fr`;
    await registerAccount(
      { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
      { organisationId, email, displayName: role, role, password: PASSWORD },
    );
    return t.login(email, PASSWORD);
  };
  let organisationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ({ cookie, organisationId } = await t.organisation('Formations Correcte'));
  });
  afterAll(() => t?.stop());

  it('records every change of an action and a session, with the member’s name and the reason', async () => {
    const { actionId, sessionId } = await openFeedbackLink(t, cookie, { title: 'Excel' });
    const base = `/api/training-actions/${actionId}`;
    const steps = [
      () => post(`${base}/rename`, { title: 'Excel 365', reason: 'Nouvel intitulé du catalogue' }),
      () => post(`${base}/category`, { category: 'training', certifying: true, reason: 'Inscrite au RS' }),
      () => post(`${base}/sessions/${sessionId}/rename`, { title: 'Session d’avril' }),
      () =>
        post(`${base}/sessions/${sessionId}/reschedule`, {
          startsOn: '2026-04-06',
          endsOn: '2026-04-07',
          reason: 'Grève des transports',
        }),
      () => post(`${base}/sessions/${sessionId}/move`, { site: 'À distance', reason: 'Salle indisponible' }),
    ];
    // One after the other: the history's order is the order of the changes.
    for (const step of steps) expect((await step()).statusCode).toBe(200);

    const action = (await read(ACTION, { id: actionId })).trainingAction as Record<string, unknown>;
    expect(action).toMatchObject({ title: 'Excel 365', category: 'training', certifying: true, revision: 6 });
    expect(action.history).toEqual([
      expect.objectContaining({ kind: 'TrainingActionCreated', actorName: 'Admin Formations Correcte' }),
      expect.objectContaining({
        kind: 'TrainingActionRenamed',
        title: 'Excel 365',
        reason: 'Nouvel intitulé du catalogue',
      }),
      expect.objectContaining({
        kind: 'TrainingActionRecategorised',
        certifying: true,
        reason: 'Inscrite au RS',
      }),
    ]);
    const session = (await read(SESSION, { id: sessionId })).trainingSession as Record<string, unknown>;
    expect(session).toMatchObject({
      title: 'Session d’avril',
      startsOn: '2026-04-06',
      endsOn: '2026-04-07',
      site: 'À distance',
      trainingAction: { id: actionId, revision: 6 },
    });
    expect(session.history).toEqual([
      expect.objectContaining({ kind: 'SessionScheduled', title: 'Session de mars', startsOn: '2026-03-02' }),
      expect.objectContaining({ kind: 'SessionRenamed', title: 'Session d’avril', reason: null }),
      expect.objectContaining({
        kind: 'SessionRescheduled',
        startsOn: '2026-04-06',
        reason: 'Grève des transports',
      }),
      expect.objectContaining({
        kind: 'SessionMoved',
        site: 'À distance',
        reason: 'Salle indisponible',
        actorName: 'Admin Formations Correcte',
      }),
    ]);
  });

  it('answers 409 with the current revision to a stale If-Match, and writes nothing', async () => {
    const { actionId } = await openFeedbackLink(t, cookie);
    const fresh = await post(
      `/api/training-actions/${actionId}/rename`,
      { title: 'Un' },
      { 'if-match': '1' },
    );
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json()).toMatchObject({ revision: 2, changed: true });
    const before = await t.lastPosition();
    const stale = await post(
      `/api/training-actions/${actionId}/rename`,
      { title: 'Deux' },
      { 'if-match': '1' },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 2 } });
    expect(await t.lastPosition()).toBe(before);
  });

  it('ignores a change that changes nothing: 200, changed false, no event', async () => {
    const { actionId, sessionId } = await openFeedbackLink(t, cookie, { title: 'Même titre' });
    const before = await t.lastPosition();
    const same = await post(`/api/training-actions/${actionId}/rename`, { title: 'Même titre' });
    const sameSite = await post(`/api/training-actions/${actionId}/sessions/${sessionId}/move`, {
      site: 'Lyon',
      reason: 'vérification',
    });
    expect([same.json().changed, sameSite.json().changed]).toEqual([false, false]);
    expect(await t.lastPosition()).toBe(before);
  });

  it('answers a retried correction (same Idempotency-Key) with the first result', async () => {
    const { actionId } = await openFeedbackLink(t, cookie);
    const headers = { 'idempotency-key': `rename-${crypto.randomUUID()}` };
    const first = await post(`/api/training-actions/${actionId}/rename`, { title: 'Retentée' }, headers);
    const retry = await post(`/api/training-actions/${actionId}/rename`, { title: 'Retentée' }, headers);
    expect(retry.json()).toEqual(first.json());
  });

  it('refuses bad input with 400 and a code, and writes nothing', async () => {
    const { actionId, sessionId } = await openFeedbackLink(t, cookie);
    const session = `/api/training-actions/${actionId}/sessions/${sessionId}`;
    const before = await t.lastPosition();
    const cases = [
      [`/api/training-actions/${actionId}/rename`, { title: '   ' }, 'validation_failed'],
      [
        `/api/training-actions/${actionId}/category`,
        { category: 'cooking', certifying: false, reason: 'x' },
        'validation_failed',
      ],
      [
        `/api/training-actions/${actionId}/category`,
        { category: 'vae', certifying: true },
        'validation_failed',
      ],
      [
        `${session}/reschedule`,
        { startsOn: '2026-05-02', endsOn: '2026-05-01', reason: 'x' },
        'session_ends_before_start',
      ],
      [
        `${session}/reschedule`,
        { startsOn: '2026-02-30', endsOn: '2026-03-01', reason: 'x' },
        'validation_failed',
      ],
      [`${session}/move`, { site: 'Lille' }, 'validation_failed'],
      [`${session}/cancel`, { reason: '' }, 'validation_failed'],
      [`${session}/rename`, { title: 'a\u0000b' }, 'invalid_characters'],
    ] as const;
    for (const [url, body, code] of cases) {
      const response = await post(url, body);
      expect({ url, status: response.statusCode, code: response.json().code }).toEqual({
        url,
        status: 400,
        code,
      });
    }
    const badIfMatch = await post(`${session}/archive`, {}, { 'if-match': 'abc' });
    expect(badIfMatch.json().code).toBe('invalid_if_match');
    expect(await t.lastPosition()).toBe(before);
  });

  it('refuses contributors and auditors (403) and writes nothing', async () => {
    const { actionId, sessionId } = await openFeedbackLink(t, cookie);
    const members = [
      await memberOf(organisationId, 'contributor'),
      await memberOf(organisationId, 'auditor'),
    ];
    const before = await t.lastPosition();
    for (const as of members) {
      const refused = [
        await post(`/api/training-actions/${actionId}/rename`, { title: 'x' }, {}, as),
        await post(`/api/training-actions/${actionId}/archive`, {}, {}, as),
        await post(`/api/training-actions/${actionId}/sessions/${sessionId}/cancel`, { reason: 'x' }, {}, as),
      ];
      expect(refused.map((response) => [response.statusCode, response.json().code])).toEqual(
        refused.map(() => [403, 'forbidden']),
      );
    }
    expect(await t.lastPosition()).toBe(before);
  });

  it('a cancelled session’s links stop taking answers; it opens no new link; its answers stay', async () => {
    const link = await openFeedbackLink(t, cookie);
    expect((await answer(t, link.token)).statusCode).toBe(201);
    const cancel = await post(`/api/training-actions/${link.actionId}/sessions/${link.sessionId}/cancel`, {
      reason: 'Formatrice malade',
    });
    expect(cancel.statusCode).toBe(200);
    expect(await t.runner.waitForPosition(cancel.json().position, 5000)).toBe(true);

    const refused = await answer(t, link.token);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'session_cancelled',
      details: { organisationName: 'Formations Correcte' },
    });
    const form = await t.app.inject({ method: 'GET', url: `/api/public/feedback/${link.token}` });
    expect([form.statusCode, form.json().code]).toEqual([409, 'session_cancelled']);
    const reopen = await post(`/api/sessions/${link.sessionId}/feedback-links`, { audience: 'funder' });
    expect([reopen.statusCode, reopen.json().code]).toEqual([409, 'session_cancelled']);
    const rescheduled = await post(
      `/api/training-actions/${link.actionId}/sessions/${link.sessionId}/reschedule`,
      {
        startsOn: '2026-06-01',
        endsOn: '2026-06-01',
        reason: 'x',
      },
    );
    expect([rescheduled.statusCode, rescheduled.json().code]).toEqual([409, 'session_cancelled']);

    const session = (
      await read(
        `query ($id: ID!) { trainingSession(id: $id) { cancelled feedbackCount history { kind reason } } }`,
        {
          id: link.sessionId,
        },
      )
    ).trainingSession as { cancelled: boolean; feedbackCount: number; history: unknown[] };
    expect(session.cancelled).toBe(true);
    expect(session.feedbackCount).toBe(1);
    expect(session.history.at(-1)).toEqual({ kind: 'SessionCancelled', reason: 'Formatrice malade' });
  });
});

type Lists = {
  active: { edges: { node: { title: string } }[] };
  all: { edges: { node: { title: string; archived: boolean } }[] };
  dashboard: { trainingActionCount: number; sessionCount: number; feedbackCount: number };
  evidenceSummary: unknown[];
  trainingAction: { sessions: unknown[]; all: unknown[] };
};

describe('archiving: out of the default lists, evidence and counts kept', () => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp();
    ({ cookie } = await t.organisation('Formations Archive'));
  });
  afterAll(() => t?.stop());

  const read = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await graphql(t.app, cookie, query, variables, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data as Lists;
  };
  const post = (url: string, payload: object = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
  const LISTS = `{
    active: trainingActions(first: 50) { edges { node { title } } }
    all: trainingActions(first: 50, includeArchived: true) { edges { node { title archived } } }
    dashboard { trainingActionCount sessionCount feedbackCount }
    evidenceSummary { indicator count }
  }`;

  it('hides an archived action by default, shows it with the filter, and keeps evidence and counts', async () => {
    const kept = await openFeedbackLink(t, cookie, { title: 'Gardée' });
    const filed = await openFeedbackLink(t, cookie, { title: 'Classée' });
    expect((await answer(t, filed.token)).statusCode).toBe(201);
    const before = await read(LISTS);
    expect(before.active.edges.map((edge) => edge.node.title)).toEqual(['Classée', 'Gardée']);

    expect(
      (await post(`/api/training-actions/${filed.actionId}/archive`, { reason: 'Plus au catalogue' }))
        .statusCode,
    ).toBe(200);
    const after = await read(LISTS);
    expect(after.active.edges.map((edge) => edge.node.title)).toEqual(['Gardée']);
    expect(after.all.edges.map((edge) => edge.node)).toEqual([
      { title: 'Classée', archived: true },
      { title: 'Gardée', archived: false },
    ]);
    expect(after.dashboard).toEqual(before.dashboard);
    expect(after.evidenceSummary).toEqual(before.evidenceSummary);
    expect(after.dashboard).toMatchObject({ trainingActionCount: 2, sessionCount: 2, feedbackCount: 1 });

    expect((await post(`/api/training-actions/${filed.actionId}/unarchive`)).statusCode).toBe(200);
    expect((await read(LISTS)).active.edges).toHaveLength(2);
    expect(kept.actionId).not.toBe(filed.actionId);
  });

  it('hides an archived session from its action unless asked, and takes a cancelled one off the count', async () => {
    const link = await openFeedbackLink(t, cookie, { title: 'Sessions' });
    const session = `/api/training-actions/${link.actionId}/sessions/${link.sessionId}`;
    const { dashboard: before } = await read(LISTS);
    expect((await post(`${session}/cancel`, { reason: 'Trop peu d’inscrits' })).statusCode).toBe(200);
    expect((await post(`${session}/archive`)).statusCode).toBe(200);
    const data = await read(
      `query ($id: ID!) { trainingAction(id: $id) { sessions { id } all: sessions(includeArchived: true) { id archived } } dashboard { sessionCount } }`,
      { id: link.actionId },
    );
    expect(data.trainingAction.sessions).toEqual([]);
    expect(data.trainingAction.all).toEqual([{ id: link.sessionId, archived: true }]);
    expect(data.dashboard.sessionCount).toBe(before.sessionCount - 1);

    expect((await post(`${session}/unarchive`, { reason: 'Archivée par erreur' })).statusCode).toBe(200);
    const back = await read(
      `query ($id: ID!) { trainingAction(id: $id) { sessions { id cancelled } } dashboard { sessionCount } }`,
      { id: link.actionId },
    );
    expect(back.trainingAction.sessions).toEqual([{ id: link.sessionId, cancelled: true }]);
    expect(back.dashboard.sessionCount).toBe(before.sessionCount - 1);
  });
});
