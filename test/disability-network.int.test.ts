import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startTestApp, type TestApp } from './support/app';

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

  const post = (url: string, payload: object, cookie = a.cookie) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie } });

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
});
