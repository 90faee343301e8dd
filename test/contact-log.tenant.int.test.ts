import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

const contact = {
  group: 'company',
  partnerName: 'Transports Durand',
  kind: 'visit',
  contactOn: '2026-09-15',
  people: [{ name: 'Marc Durand', role: 'Gérant' }],
  said: 'Les stagiaires reviennent plus autonomes.',
};

describe('contact log: a user of organisation A never reaches organisation B’s contacts', () => {
  const fixture = twoTenants();

  const logFor = async (cookie: string) => {
    const response = await fixture.post(cookie, '/api/partner-contacts', contact);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };

  it('lists and finds only its own contacts; another’s reads as missing', async () => {
    const { a, b, read } = fixture;
    const mine = await logFor(a.cookie);
    const theirs = await logFor(b.cookie);
    const list = await read(a.cookie, '{ partnerContacts(includeRemoved: true) { edges { node { id } } } }');
    const ids = (list.data!.partnerContacts as { edges: { node: { id: string } }[] }).edges.map(
      (e) => e.node.id,
    );
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    const query = 'query ($id: ID!) { partnerContact(id: $id) { id said } }';
    const foreign = await read(a.cookie, query, { id: theirs });
    const missing = await read(a.cookie, query, { id: crypto.randomUUID() });
    expect(foreign).toEqual(missing);
    expect(foreign.data?.partnerContact).toBeNull();
  });

  it('cannot correct, remove or erase B’s contact: answered like a missing one, and nothing is written', async () => {
    const { a, b, t } = fixture;
    const theirs = await logFor(b.cookie);
    const unknown = crypto.randomUUID();
    const before = await t.lastPosition();
    const attempt = (id: string, path: string, payload: object, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/partner-contacts/${id}/${path}`,
        payload,
        headers: { cookie: a.cookie, ...headers },
      });
    for (const ifMatch of ['0', '5']) {
      const foreign = await attempt(theirs, 'corrections', contact, { 'if-match': ifMatch });
      const missing = await attempt(unknown, 'corrections', contact, { 'if-match': ifMatch });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toEqual(missing.json());
    }
    const foreignRemoval = await attempt(theirs, 'remove', { reason: 'other' });
    const missingRemoval = await attempt(unknown, 'remove', { reason: 'other' });
    expect(foreignRemoval.statusCode).toBe(404);
    expect(foreignRemoval.json()).toEqual(missingRemoval.json());
    const foreignErasure = await fixture.post(a.cookie, `/api/privacy/subjects/contact:${theirs}/erase`, {
      reason: 'subject_request',
    });
    const missingErasure = await fixture.post(a.cookie, `/api/privacy/subjects/contact:${unknown}/erase`, {
      reason: 'subject_request',
    });
    expect(foreignErasure.statusCode).toBe(404);
    expect(foreignErasure.json()).toEqual(missingErasure.json());
    expect(await t.lastPosition()).toBe(before);
  });

  it('lets an auditor read contacts but not log them, and strangers nothing', async () => {
    const { a, post, read } = fixture;
    const auditor = await fixture.auditorOf(a.organisationId);
    const reading = await read(auditor, '{ partnerContacts { edges { node { id said } } } }');
    expect(reading.errors).toBeUndefined();
    expect((await post(auditor, '/api/partner-contacts', contact)).statusCode).toBe(403);
    const anonymous = await read(undefined, '{ partnerContacts { edges { node { id } } } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await post(undefined, '/api/partner-contacts', contact)).statusCode).toBe(401);
  });
});
