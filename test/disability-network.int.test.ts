import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../services/access/accounts';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';

const capEmploi = {
  kind: 'cap_emploi',
  name: 'Cap emploi 69',
  contacts: [
    { name: 'Nadia Benali', role: 'Conseillère', email: 'n.benali@example.fr', phone: '04 00 00 00 00' },
  ],
};

describe('disability network: partners, referent, meetings, each evidencing 26; one organisation’s only', () => {
  let t: TestApp;
  let a: { cookie: string; userId: string };
  let b: { cookie: string };

  const post = (url: string, payload: object, cookie = a.cookie, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie, ...headers } });
  const read = async (query: string, cookie = a.cookie) => {
    const answer = await graphql(t.app, cookie, query, {}, await t.lastPosition());
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  };
  const revisionOf = async (cookie = a.cookie) =>
    ((await read('{ disabilityNetwork { revision } }', cookie)).disabilityNetwork as { revision: number })
      .revision;

  beforeAll(async () => {
    t = await startTestApp();
    a = await t.organisation('Réseau A');
    b = await t.organisation('Réseau B');
  });
  afterAll(() => t?.stop());

  it('lists a partner, sets the referent, records a meeting; indicator 26 lists them, naming no one', async () => {
    const listed = await post('/api/disability-network/partners', capEmploi);
    expect(listed.statusCode, listed.body).toBe(201);
    const partnerId = listed.json().id;
    const referent = await post('/api/disability-network/referent', {
      memberId: a.userId,
      trainings: [{ title: 'Référent handicap en formation', on: '2026-10-01', provider: 'Agefiph' }],
    });
    expect(referent.statusCode, referent.body).toBe(200);
    const meeting = await post('/api/disability-network/meetings', {
      partnerId,
      on: '2026-11-30',
      subject: 'Aménagements pour janvier',
      outcome: 'Étude de poste prévue',
    });
    expect(meeting.statusCode, meeting.body).toBe(201);

    const evidence = await graphql(
      t.app,
      a.cookie,
      '{ evidenceTimeline(indicator: 26) { edges { node { kind title } } } }',
      {},
      await t.lastPosition(),
    );
    const items = (evidence.data!.evidenceTimeline as { edges: { node: { kind: string; title: string } }[] })
      .edges;
    expect(items.map((edge) => edge.node.kind).sort()).toEqual([
      'disability_meeting',
      'disability_partner',
      'disability_referent',
    ]);
    expect(JSON.stringify(items)).not.toContain('Nadia');

    const NETWORK = `{ disabilityNetwork {
      partners { id kind name contacts { name email } }
      referent { memberId trainings { title on provider } }
      meetings { partnerName on subject }
    } }`;
    const mine = await graphql(t.app, a.cookie, NETWORK, {}, await t.lastPosition());
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.disabilityNetwork).toMatchObject({
      partners: [{ id: partnerId, kind: 'cap_emploi', contacts: [{ name: 'Nadia Benali' }] }],
      referent: { memberId: a.userId, trainings: [{ provider: 'Agefiph', on: '2026-10-01' }] },
      meetings: [{ partnerName: 'Cap emploi 69', on: '2026-11-30' }],
    });
    const theirs = await graphql(t.app, b.cookie, NETWORK, {}, await t.lastPosition());
    expect(theirs.data!.disabilityNetwork).toEqual({ partners: [], referent: null, meetings: [] });
  });

  it('refuses bad input and another organisation’s partner, writing nothing', async () => {
    const partnerId = (
      await post('/api/disability-network/partners', { ...capEmploi, name: 'MDPH 69', kind: 'mdph' })
    ).json().id;
    const before = await t.lastPosition();
    const cases: [string, object, string][] = [
      ['/api/disability-network/partners', { ...capEmploi, kind: 'mairie' }, a.cookie],
      [
        '/api/disability-network/partners',
        { ...capEmploi, contacts: [{ name: 'X', email: 'pas une adresse' }] },
        a.cookie,
      ],
      ['/api/disability-network/referent', { trainings: [] }, a.cookie],
      ['/api/disability-network/referent', { memberId: crypto.randomUUID() }, a.cookie],
      [
        '/api/disability-network/meetings',
        { partnerId, on: '2999-01-01', subject: 'x', outcome: 'y' },
        a.cookie,
      ],
    ];
    for (const [url, payload, cookie] of cases) {
      const response = await post(url, payload, cookie);
      expect(response.statusCode, `${url} ${response.body}`).toBe(400);
    }
    const foreign = await post(
      '/api/disability-network/meetings',
      { partnerId, on: '2026-11-30', subject: 'x', outcome: 'y' },
      b.cookie,
    );
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('disability_partner_not_found');
    const foreignUpdate = await post(`/api/disability-network/partners/${partnerId}`, capEmploi, b.cookie);
    expect(foreignUpdate.statusCode).toBe(404);
    expect(await t.lastPosition()).toBe(before);
  });

  it('edits and removes a partner against the network’s revision; a stale one answers 409 and writes nothing', async () => {
    const c = await t.organisation('Réseau C');
    expect(await revisionOf(c.cookie)).toBe(-1);
    const listed = await post('/api/disability-network/partners', capEmploi, c.cookie);
    const partnerId = listed.json().id;
    const revision = await revisionOf(c.cookie);
    expect(revision).toBe(listed.json().revision);

    const edited = await post(
      `/api/disability-network/partners/${partnerId}`,
      { ...capEmploi, name: 'Cap emploi Rhône' },
      c.cookie,
      { 'if-match': `"${revision}"` },
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ changed: true, revision: revision + 1 });

    const before = await t.lastPosition();
    const stale = await post(`/api/disability-network/partners/${partnerId}/remove`, {}, c.cookie, {
      'if-match': `"${revision}"`,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'revision_conflict',
      details: { currentRevision: revision + 1 },
    });
    expect(await t.lastPosition()).toBe(before);

    const removed = await post(`/api/disability-network/partners/${partnerId}/remove`, {}, c.cookie, {
      'if-match': `"${revision + 1}"`,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ changed: true, revision: revision + 2 });
    const network = await read('{ disabilityNetwork { revision partners { id } } }', c.cookie);
    expect(network.disabilityNetwork).toEqual({ revision: revision + 2, partners: [] });

    // The edit and the removal are on 26's timeline too: the network's history, not only its present.
    const timeline = await read(
      '{ evidenceTimeline(indicator: 26, first: 10) { edges { node { kind title } } } }',
      c.cookie,
    );
    expect(
      (timeline.evidenceTimeline as { edges: { node: { kind: string; title: string } }[] }).edges.map(
        ({ node }) => node,
      ),
    ).toEqual([
      { kind: 'disability_partner', title: 'Partenaire du réseau handicap : Cap emploi 69 (Cap emploi)' },
      {
        kind: 'disability_partner_updated',
        title: 'Partenaire du réseau handicap mis à jour : Cap emploi Rhône (Cap emploi)',
      },
      { kind: 'disability_partner_removed', title: 'Partenaire retiré du réseau handicap' },
    ]);

    const again = await post(`/api/disability-network/partners/${partnerId}/remove`, {}, c.cookie);
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('disability_partner_not_found');
    const theirs = await post(`/api/disability-network/partners/${partnerId}/remove`, {}, b.cookie);
    expect(theirs.statusCode).toBe(404);
  });

  it('keeps each organisation’s meetings apart when two name the same meeting id', async () => {
    const meetingId = crypto.randomUUID();
    const meeting = async (cookie: string) => {
      const partnerId = (await post('/api/disability-network/partners', capEmploi, cookie)).json().id;
      const payload = { meetingId, partnerId, on: '2026-11-02', subject: 'Point annuel', outcome: 'RAS' };
      const first = await post('/api/disability-network/meetings', payload, cookie);
      expect(first.statusCode, first.body).toBe(201);
      const retried = await post('/api/disability-network/meetings', payload, cookie);
      expect(retried.json().id).toBe(first.json().id);
      return first.json().id as string;
    };
    const d = await t.organisation('Réseau D');
    const e = await t.organisation('Réseau E');
    expect(await meeting(d.cookie)).not.toBe(await meeting(e.cookie));
    for (const cookie of [d.cookie, e.cookie]) {
      const network = await read('{ disabilityNetwork { meetings { subject } } }', cookie);
      expect(network.disabilityNetwork).toEqual({ meetings: [{ subject: 'Point annuel' }] });
    }
  });

  it('names the member who is referent and offers the active staff; a contributor and an auditor only read', async () => {
    const f = await t.organisation('Réseau F');
    const member = async (role: 'contributor' | 'auditor') => {
      const email = `${role}.${crypto.randomUUID()}@example.fr`;
      const { userId } = await registerAccount(
        { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
        { organisationId: f.organisationId, email, displayName: `Un ${role}`, role, password: PASSWORD },
      );
      return { userId, cookie: await t.login(email, PASSWORD) };
    };
    const { userId: contributorId, cookie: contributor } = await member('contributor');
    const { userId: auditorId, cookie: auditor } = await member('auditor');
    const set = await post('/api/disability-network/referent', { memberId: f.userId }, f.cookie);
    expect(set.statusCode, set.body).toBe(200);
    const network = await read(
      '{ disabilityNetwork { referent { memberId memberName name } referentCandidates { displayName } } }',
      f.cookie,
    );
    expect(network.disabilityNetwork).toEqual({
      referent: { memberId: f.userId, memberName: 'Admin Réseau F', name: null },
      referentCandidates: [{ displayName: 'Admin Réseau F' }, { displayName: 'Un contributor' }],
    });

    // Only active staff may be named: not the auditor, not a member deactivated since.
    const namingAuditor = await post('/api/disability-network/referent', { memberId: auditorId }, f.cookie);
    expect([namingAuditor.statusCode, namingAuditor.json().code]).toEqual([400, 'referent_member_unknown']);
    const before = await t.lastPosition();
    for (const cookie of [contributor, auditor]) {
      expect((await post('/api/disability-network/partners', capEmploi, cookie)).statusCode).toBe(403);
      expect((await post('/api/disability-network/referent', { name: 'X' }, cookie)).statusCode).toBe(403);
      const readable = await read('{ disabilityNetwork { referent { memberName } } }', cookie);
      expect(readable.disabilityNetwork).toEqual({ referent: { memberName: 'Admin Réseau F' } });
    }
    expect(await t.lastPosition()).toBe(before);

    const deactivated = await post(`/api/team/members/${contributorId}/deactivate`, {}, f.cookie);
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    await t.runner.waitForPosition(await t.lastPosition(), 30_000);
    const namingFormer = await post(
      '/api/disability-network/referent',
      { memberId: contributorId },
      f.cookie,
    );
    expect([namingFormer.statusCode, namingFormer.json().code]).toEqual([400, 'referent_member_unknown']);
  });
});
