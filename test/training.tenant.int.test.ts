import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

describe('training: a user of organisation A never reaches organisation B’s actions and sessions', () => {
  const fixture = twoTenants();

  it('lists only its own training actions and sessions', async () => {
    const { a, b, read } = fixture;
    const result = await read(
      a.cookie,
      '{ trainingActions(first: 100) { edges { node { id title sessions { id } } } } dashboard { trainingActionCount sessionCount } }',
    );
    expect(result.errors).toBeUndefined();
    const text = JSON.stringify(result.data);
    expect(text).toContain('Action A');
    expect(text).not.toContain('Action B');
    expect(text).not.toContain(b.data.sessionId);
    expect(result.data?.dashboard).toEqual({ trainingActionCount: 1, sessionCount: 1 });
  });

  it('finds another organisation’s training action exactly as it finds a missing one: null', async () => {
    const { a, b, read } = fixture;
    const query = 'query ($id: ID!) { trainingAction(id: $id) { id title } }';
    const foreign = await read(a.cookie, query, { id: b.data.actionId });
    const missing = await read(a.cookie, query, { id: crypto.randomUUID() });
    expect(foreign).toEqual(missing);
    expect(foreign.data?.trainingAction).toBeNull();
    const own = await read(a.cookie, query, { id: a.data.actionId });
    expect((own.data!.trainingAction as { title: string }).title).toBe('Action A');
  });

  it('cannot schedule a session on B’s training action: 404 like a missing one, and nothing is written', async () => {
    const { a, b, post, t } = fixture;
    const before = await t.lastPosition();
    const body = { title: 'Intrusion', startsOn: '2026-05-01', endsOn: '2026-05-02', site: 'Lille' };
    const foreign = await post(a.cookie, `/api/training-actions/${b.data.actionId}/sessions`, body);
    const missing = await post(a.cookie, `/api/training-actions/${crypto.randomUUID()}/sessions`, body);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(await t.lastPosition()).toBe(before);
  });

  it('lets an auditor read but not change anything (least privilege)', async () => {
    const { a, post, read } = fixture;
    const cookie = await fixture.auditorOf(a.organisationId);
    const reading = await read(cookie, '{ trainingActions { edges { node { title } } } }');
    expect(JSON.stringify(reading.data)).toContain('Action A');
    const write = await post(cookie, '/api/training-actions', { title: 'x', category: 'training' });
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('forbidden');
    const session = await post(cookie, `/api/training-actions/${a.data.actionId}/sessions`, {
      title: 'x',
      startsOn: '2026-05-01',
      endsOn: '2026-05-02',
      site: 'Lille',
    });
    expect(session.statusCode).toBe(403);
  });

  it('cannot correct B’s action or session: 404 like a missing one, and nothing is written', async () => {
    const { a, b, post, t } = fixture;
    const before = await t.lastPosition();
    const corrections = (actionId: string, sessionId: string) => {
      const session = `/api/training-actions/${actionId}/sessions/${sessionId}`;
      return [
        [`/api/training-actions/${actionId}/rename`, { title: 'Intrusion' }],
        [`/api/training-actions/${actionId}/category`, { category: 'vae', certifying: true, reason: 'x' }],
        [`/api/training-actions/${actionId}/archive`, {}],
        [`/api/training-actions/${actionId}/unarchive`, {}],
        [`${session}/rename`, { title: 'Intrusion' }],
        [`${session}/reschedule`, { startsOn: '2026-05-01', endsOn: '2026-05-02', reason: 'x' }],
        [`${session}/move`, { site: 'Lille', reason: 'x' }],
        [`${session}/cancel`, { reason: 'x' }],
        [`${session}/archive`, {}],
        [`${session}/unarchive`, {}],
      ] as const;
    };
    const foreign = corrections(b.data.actionId, b.data.sessionId);
    const missing = corrections(crypto.randomUUID(), crypto.randomUUID());
    for (const [index, [url, body]] of foreign.entries()) {
      const attempt = await post(a.cookie, url, body);
      const absent = await post(a.cookie, missing[index]![0], missing[index]![1]);
      expect({ url, status: attempt.statusCode }).toEqual({ url, status: 404 });
      expect(attempt.json()).toEqual(absent.json());
    }
    // With If-Match too: B's revision is not disclosed as a conflict.
    const withRevision = await fixture.t.app.inject({
      method: 'POST',
      url: `/api/training-actions/${b.data.actionId}/rename`,
      payload: { title: 'Intrusion' },
      headers: { cookie: a.cookie, 'if-match': '0' },
    });
    expect(withRevision.statusCode).toBe(404);
    expect(await t.lastPosition()).toBe(before);
  });

  it('finds B’s session exactly as it finds a missing one, history included: null', async () => {
    const { a, b, read } = fixture;
    const query = 'query ($id: ID!) { trainingSession(id: $id) { id history { kind } } }';
    const foreign = await read(a.cookie, query, { id: b.data.sessionId });
    const missing = await read(a.cookie, query, { id: crypto.randomUUID() });
    expect(foreign).toEqual(missing);
    expect(foreign.data?.trainingSession).toBeNull();
  });
});
