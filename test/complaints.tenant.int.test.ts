import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

const complaint = {
  channel: 'letter',
  group: 'funder',
  anonymous: false,
  name: 'Paul Durand',
  postalAddress: '1 rue de la Paix, 75002 Paris',
  text: 'Les attestations de fin de formation ne nous sont jamais parvenues.',
};

describe('complaints: a user of organisation A never reaches organisation B’s complaints', () => {
  const fixture = twoTenants();

  const recordFor = async (cookie: string) => {
    const response = await fixture.post(cookie, '/api/complaints', complaint);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };

  it('lists and finds only its own complaints; another’s reads as missing', async () => {
    const { a, b, read } = fixture;
    const mine = await recordFor(a.cookie);
    const theirs = await recordFor(b.cookie);
    const list = await read(a.cookie, '{ complaints { edges { node { id reference } } } }');
    const nodes = (
      list.data!.complaints as { edges: { node: { id: string; reference: string } }[] }
    ).edges.map((edge) => edge.node);
    expect(nodes.map((node) => node.id)).toContain(mine);
    expect(nodes.map((node) => node.id)).not.toContain(theirs);
    const query = 'query ($id: ID!) { complaint(id: $id) { id text steps { kind } } }';
    const foreign = await read(a.cookie, query, { id: theirs });
    const missing = await read(a.cookie, query, { id: crypto.randomUUID() });
    expect(foreign).toEqual(missing);
    expect(foreign.data?.complaint).toBeNull();
    const counters = await read(a.cookie, '{ complaintCounters { total } }');
    expect(counters.data?.complaintCounters).toEqual({ total: 1 });
  });

  it('cannot handle B’s complaint: every step answers like a missing one, and nothing is written', async () => {
    const { a, b, t } = fixture;
    const theirs = await recordFor(b.cookie);
    const unknown = crypto.randomUUID();
    const before = await t.lastPosition();
    const steps: [string, object][] = [
      ['acknowledgement', { message: 'Bien reçu' }],
      ['analysis', { causes: 'Oubli' }],
      ['answer', { answer: 'Envoyées' }],
      ['rejection', { reasons: 'Non fondée' }],
      ['mediation/start', { mediator: 'Médiateur', reason: 'Désaccord' }],
      ['mediation/end', { result: 'Accord' }],
      ['reassignment', { ownerId: a.organisationId }],
      ['closure', { outcome: 'withdrawn' }],
      ['reopening', { reason: 'Revenu' }],
      ['improvement-requests', { title: 'Envoyer les attestations' }],
    ];
    for (const [path, payload] of steps) {
      for (const ifMatch of [undefined, '0']) {
        const attempt = (id: string) =>
          t.app.inject({
            method: 'POST',
            url: `/api/complaints/${id}/${path}`,
            payload,
            headers: { cookie: a.cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
          });
        const foreign = await attempt(theirs);
        const missing = await attempt(unknown);
        expect(foreign.statusCode, `${path}: ${foreign.body}`).toBe(missing.statusCode);
        expect(foreign.json()).toEqual(missing.json());
      }
    }
    expect(await t.lastPosition()).toBe(before);
  });

  it('lets an auditor read the register without personal fields, and strangers nothing', async () => {
    const { a, post, read } = fixture;
    const auditor = await fixture.auditorOf(a.organisationId);
    const reading = await read(auditor, '{ complaints { edges { node { id text complainantName } } } }');
    expect(reading.errors).toBeUndefined();
    const nodes = (reading.data!.complaints as { edges: { node: { text: string | null } }[] }).edges;
    expect(nodes.every((edge) => edge.node.text === null)).toBe(true);
    expect((await post(auditor, '/api/complaints', complaint)).statusCode).toBe(403);
    const anonymous = await read(undefined, '{ complaints { edges { node { id } } } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await post(undefined, '/api/complaints', complaint)).statusCode).toBe(401);
  });
});
