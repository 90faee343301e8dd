import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

const note = {
  theme: 'legal_regulatory',
  title: 'Nouvelle obligation d’information',
  sourceName: 'Centre Inffo',
  informationOn: '2026-09-15',
  summary: 'Une mention nouvelle doit figurer au programme.',
};

describe('watch register: a user of organisation A never reaches organisation B’s notes', () => {
  const fixture = twoTenants();

  const recordFor = async (cookie: string) => {
    const response = await fixture.post(cookie, '/api/watch-notes', note);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };

  it('lists, counts and finds only its own notes; another’s reads as missing', async () => {
    const { a, b, read } = fixture;
    const mine = await recordFor(a.cookie);
    const theirs = await recordFor(b.cookie);
    const list = await read(a.cookie, '{ watchNotes { id } }');
    const ids = (list.data!.watchNotes as { id: string }[]).map((row) => row.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    const query = 'query ($id: ID!) { watchNote(id: $id) { id summary steps { text } } }';
    const foreign = await read(a.cookie, query, { id: theirs });
    const missing = await read(a.cookie, query, { id: crypto.randomUUID() });
    expect(foreign).toEqual(missing);
    expect(foreign.data?.watchNote).toBeNull();
    const counters = await read(b.cookie, '{ watchCounters { theme total } }');
    const legal = (counters.data!.watchCounters as { theme: string; total: number }[]).find(
      (row) => row.theme === 'legal_regulatory',
    );
    expect(legal?.total).toBe(1);
    const settings = await read(a.cookie, '{ watchSettings { exploitWithinDays revision } }');
    expect(settings.data?.watchSettings).toEqual({ exploitWithinDays: 60, revision: -1 });
  });

  it('cannot edit, analyse, pass on, archive or ask an action from B’s note: answered like a missing one, nothing written', async () => {
    const { a, b, t } = fixture;
    const theirs = await recordFor(b.cookie);
    const unknown = crypto.randomUUID();
    const before = await t.lastPosition();
    const attempt = (id: string, path: string, payload: object, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/watch-notes/${id}/${path}`,
        payload,
        headers: { cookie: a.cookie, ...headers },
      });
    const steps: [string, object, Record<string, string>][] = [
      ['edits', note, { 'if-match': '0' }],
      ['analyses', { impact: 'none', analysis: 'Rien', decision: 'Classer' }, {}],
      ['communications', { groups: ['formateurs'], channel: 'email' }, {}],
      ['archive', {}, {}],
      ['improvement-requests', { title: 'Action' }, {}],
    ];
    for (const [path, payload, headers] of steps) {
      const foreign = await attempt(theirs, path, payload, headers);
      const missing = await attempt(unknown, path, payload, headers);
      expect(foreign.statusCode, path).toBe(404);
      expect(foreign.json(), path).toEqual(missing.json());
    }
    expect(await t.lastPosition()).toBe(before);
  });

  it('cannot name B’s members as the audience of its own note', async () => {
    const { a, b, t } = fixture;
    const mine = await recordFor(a.cookie);
    await fixture.post(a.cookie, `/api/watch-notes/${mine}/analyses`, {
      impact: 'none',
      analysis: 'Rien',
      decision: 'Classer',
    });
    const bMembers = await fixture.read(b.cookie, '{ me { id } }');
    const bUser = (bMembers.data!.me as { id: string }).id;
    const before = await t.lastPosition();
    const told = await fixture.post(a.cookie, `/api/watch-notes/${mine}/communications`, {
      memberIds: [bUser],
      channel: 'email',
    });
    expect(told.statusCode).toBe(400);
    expect(told.json().code).toBe('audience_member_unknown');
    expect(await t.lastPosition()).toBe(before);
  });

  it('lets an auditor read notes but not record them, and strangers nothing', async () => {
    const { a, post, read } = fixture;
    const auditor = await fixture.auditorOf(a.organisationId);
    const reading = await read(auditor, '{ watchNotes { id summary } }');
    expect(reading.errors).toBeUndefined();
    expect((await post(auditor, '/api/watch-notes', note)).statusCode).toBe(403);
    expect((await post(auditor, '/api/watch-settings', { exploitWithinDays: 30 })).statusCode).toBe(403);
    const anonymous = await read(undefined, '{ watchNotes { id } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await post(undefined, '/api/watch-notes', note)).statusCode).toBe(401);
  });
});
