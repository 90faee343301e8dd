import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

const report = {
  kind: 'disruption',
  category: 'equipment_failure',
  severity: 'major',
  occurredOn: '2026-11-18',
  description: 'La plateforme de visioconférence est tombée en panne pendant deux heures.',
};

describe('incidents: a user of organisation A never reaches organisation B’s difficulties and disruptions', () => {
  const fixture = twoTenants();

  const recordFor = async (cookie: string) => {
    const response = await fixture.post(cookie, '/api/incidents', report);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };

  it('lists, counts and finds only its own; another’s reads as missing', async () => {
    const { a, b, read } = fixture;
    const mine = await recordFor(a.cookie);
    const theirs = await recordFor(b.cookie);
    const list = await read(a.cookie, '{ incidents(first: 100) { edges { node { id } } } }');
    const ids = (list.data!.incidents as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    const query = 'query ($id: ID!) { incident(id: $id) { id description } }';
    const foreign = await read(a.cookie, query, { id: theirs });
    const missing = await read(a.cookie, query, { id: crypto.randomUUID() });
    expect(foreign).toEqual(missing);
    expect(foreign.data?.incident).toBeNull();
  });

  it('cannot take a measure on, resolve, reopen or start an action from B’s record; nothing is written', async () => {
    const { a, b, t } = fixture;
    const theirs = await recordFor(b.cookie);
    const unknown = crypto.randomUUID();
    const before = await t.lastPosition();
    const steps = [
      ['measures', { measure: 'Changement de salle' }],
      ['resolve', { resolution: 'Réparé' }],
      ['reopen', { reason: 'De nouveau' }],
      ['improvement-requests', { title: 'Plateforme de secours' }],
    ] as const;
    for (const [path, payload] of steps) {
      for (const headers of [{}, { 'if-match': '0' }]) {
        const attempt = (id: string) =>
          t.app.inject({
            method: 'POST',
            url: `/api/incidents/${id}/${path}`,
            payload,
            headers: { cookie: a.cookie, ...headers },
          });
        const foreign = await attempt(theirs);
        const missing = await attempt(unknown);
        expect(foreign.statusCode, path).toBe(404);
        expect(foreign.json()).toEqual(missing.json());
      }
    }
    expect(await t.lastPosition()).toBe(before);
  });

  it('answers strangers 401', async () => {
    const { post, read } = fixture;
    const anonymous = await read(undefined, '{ incidents { edges { node { id } } } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await post(undefined, '/api/incidents', report)).statusCode).toBe(401);
  });
});
