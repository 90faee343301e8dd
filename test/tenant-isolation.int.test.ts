import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../services/access/accounts';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';

/** Organisation B's data, created by B's admin, that A's users try to reach. */
interface Fixture {
  actionId: string;
  sessionId: string;
  linkId: string;
}

describe('tenant isolation: a user of organisation A never reaches organisation B', () => {
  let t: TestApp;
  let a: { cookie: string; organisationId: string };
  let b: { cookie: string; organisationId: string };
  let bData: Fixture;
  let aData: Fixture;

  const post = (cookie: string | undefined, url: string, payload: unknown = {}) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers: cookie ? { cookie } : {} });

  const createFixture = async (cookie: string, title: string): Promise<Fixture> => {
    const action = await post(cookie, '/api/training-actions', { title, category: 'training' });
    const actionId = action.json().id;
    const session = await post(cookie, `/api/training-actions/${actionId}/sessions`, {
      title: `${title} — session`,
      startsOn: '2026-04-01',
      endsOn: '2026-04-02',
      site: 'Bordeaux',
    });
    await t.runner.waitForPosition(session.json().position, 5000);
    const link = await post(cookie, `/api/sessions/${session.json().id}/feedback-links`);
    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/public/feedback/${link.json().token}`,
      payload: { submissionId: crypto.randomUUID(), rating: 2, comment: `secret of ${title}` },
    });
    expect(answer.statusCode).toBe(201);
    await t.runner.waitForPosition(await t.lastPosition(), 5000);
    return { actionId, sessionId: session.json().id, linkId: link.json().id };
  };

  beforeAll(async () => {
    t = await startTestApp();
    a = await t.organisation('Organisme A');
    b = await t.organisation('Organisme B');
    aData = await createFixture(a.cookie, 'Action A');
    bData = await createFixture(b.cookie, 'Action B');
  });
  afterAll(() => t?.stop());

  it('lists only its own training actions, sessions, responses and evidence', async () => {
    const result = await graphql(
      t.app,
      a.cookie,
      `{ me { organisation { name } }
         trainingActions(first: 100) { edges { node { id title sessions { id responses { comment } } } } }
         evidenceTimeline(indicator: 30, first: 100) { totalCount edges { node { title summary sourceId } } }
         evidenceSummary { indicator count }
         dashboard { trainingActionCount feedbackCount } }`,
    );
    expect(result.errors).toBeUndefined();
    const text = JSON.stringify(result.data);
    expect(text).toContain('Action A');
    expect(text).not.toContain('Action B');
    expect(text).not.toContain('secret of Action B');
    expect(text).not.toContain(bData.sessionId);
    expect(result.data?.dashboard).toEqual({ trainingActionCount: 1, feedbackCount: 1 });
  });

  it('finds another organisation’s training action exactly as it finds a missing one: null', async () => {
    const query = 'query ($id: ID!) { trainingAction(id: $id) { id title } }';
    const foreign = await graphql(t.app, a.cookie, query, { id: bData.actionId });
    const missing = await graphql(t.app, a.cookie, query, { id: crypto.randomUUID() });
    const own = await graphql(t.app, a.cookie, query, { id: aData.actionId });
    expect(foreign).toEqual(missing);
    expect(foreign.data?.trainingAction).toBeNull();
    expect((own.data!.trainingAction as { title: string }).title).toBe('Action A');
  });

  it('cannot schedule a session on B’s training action: 404 like a missing one, and nothing is written', async () => {
    const before = await t.lastPosition();
    const body = { title: 'Intrusion', startsOn: '2026-05-01', endsOn: '2026-05-02', site: 'Lille' };
    const foreign = await post(a.cookie, `/api/training-actions/${bData.actionId}/sessions`, body);
    const missing = await post(a.cookie, `/api/training-actions/${crypto.randomUUID()}/sessions`, body);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(await t.lastPosition()).toBe(before);
  });

  it('cannot open a feedback link on B’s session nor close B’s link', async () => {
    const before = await t.lastPosition();
    const open = await post(a.cookie, `/api/sessions/${bData.sessionId}/feedback-links`);
    expect(open.statusCode).toBe(404);
    expect(open.json().code).toBe('session_not_found');
    const close = await post(a.cookie, `/api/feedback-links/${bData.linkId}/close`);
    const closeMissing = await post(a.cookie, `/api/feedback-links/${crypto.randomUUID()}/close`);
    expect(close.statusCode).toBe(404);
    expect(close.json()).toEqual(closeMissing.json());
    expect(await t.lastPosition()).toBe(before);
  });

  it('can close its own link (the same command that failed on B’s link)', async () => {
    const close = await post(a.cookie, `/api/feedback-links/${aData.linkId}/close`);
    expect(close.statusCode).toBe(200);
  });

  it('refuses anonymous requests to commands (401) and to organisation data in GraphQL', async () => {
    const command = await post(undefined, '/api/training-actions', { title: 'x', category: 'training' });
    expect(command.statusCode).toBe(401);
    expect(command.json().code).toBe('unauthenticated');
    const read = await graphql(t.app, undefined, '{ trainingActions { edges { node { id } } } }');
    expect(read.data ?? null).toBeNull();
    expect(read.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const me = await graphql(t.app, undefined, '{ me { id } }');
    expect(me.data?.me).toBeNull();
  });

  it('lets an auditor read but not change anything (least privilege)', async () => {
    const email = `auditor.${Date.now()}@example.fr`;
    await registerAccount(
      { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
      {
        organisationId: a.organisationId,
        email,
        displayName: 'Auditrice',
        role: 'auditor',
        password: PASSWORD,
      },
    );
    const cookie = await t.login(email, PASSWORD);
    const read = await graphql(t.app, cookie, '{ trainingActions { edges { node { title } } } }');
    expect(JSON.stringify(read.data)).toContain('Action A');
    const write = await post(cookie, '/api/training-actions', { title: 'x', category: 'training' });
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('forbidden');
    const link = await post(cookie, `/api/sessions/${aData.sessionId}/feedback-links`);
    expect(link.statusCode).toBe(403);
  });

  it('does not accept a forged or expired session cookie', async () => {
    const forged = await graphql(t.app, 'sid=forged-token-value', '{ me { id } }');
    expect(forged.data?.me).toBeNull();
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: b.cookie },
    });
    expect(logout.statusCode).toBe(204);
    const after = await graphql(t.app, b.cookie, '{ me { id } }');
    expect(after.data?.me).toBeNull();
  });
});
