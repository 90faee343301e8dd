import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../services/access/accounts';
import { partnerContactStream } from '../services/contact-log/events';
import { ERASED } from '../services/privacy/declarations';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';
import { openFeedbackLink } from './support/training-fixture';

const CONTACT = `query ($id: ID!) { partnerContact(id: $id) {
  id group partnerName kind contactOn people { name role } said followUp erased version revision removed
  removalReason session { sessionId trainingTitle sessionTitle }
  history { revision change reason note content { kind said followUp erased people { name } } }
} }`;
const LIST = `query ($group: PartnerGroup, $partner: String, $from: Date, $to: Date, $includeRemoved: Boolean) {
  partnerContacts(group: $group, partner: $partner, from: $from, to: $to, includeRemoved: $includeRemoved) {
    edges { node { id partnerName contactOn removed } }
  }
}`;

interface ContactView {
  said: string;
  session: unknown;
  history: { change: string; content: { kind: string } | null }[];
}

const meeting = (overrides: Record<string, unknown> = {}) => ({
  group: 'funder',
  partnerName: 'OPCO Atlas',
  kind: 'meeting',
  contactOn: '2026-11-20',
  people: [{ name: 'Claire Martin', role: 'Chargée de relation' }],
  said: 'Les bilans arrivent trop tard ; ils veulent les attestations sous huit jours.',
  followUp: 'Envoyer les attestations à la fin de chaque session',
  ...overrides,
});

describe('contact log: funders’ and companies’ views, corrected, removed, erased', () => {
  let t: TestApp;
  let cookie: string;
  let organisationId: string;

  const post = (url: string, payload: object, headers: Record<string, string> = {}, as = cookie) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie: as, ...headers } });
  const read = async (query: string, variables: Record<string, unknown> = {}, as = cookie) => {
    const result = await graphql(t.app, as, query, variables, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const contact = async (id: string) => (await read(CONTACT, { id })).partnerContact as ContactView;
  const listed = async (variables: Record<string, unknown> = {}) =>
    ((await read(LIST, variables)).partnerContacts as { edges: { node: { id: string } }[] }).edges.map(
      (edge) => edge.node.id,
    );
  const memberWithRole = async (role: 'contributor' | 'auditor') => {
    const email = `${role}.${crypto.randomUUID()}@example.fr`;
    await registerAccount(
      { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
      { organisationId, email, displayName: role, role, password: PASSWORD },
    );
    return t.login(email, PASSWORD);
  };

  beforeAll(async () => {
    t = await startTestApp();
    ({ cookie, organisationId } = await t.organisation('Contacts'));
  });
  afterAll(() => t?.stop());

  it('logs a contact, lists it, refuses a stale correction with the current revision, corrects, removes', async () => {
    const logged = await post('/api/partner-contacts', meeting());
    expect(logged.statusCode, logged.body).toBe(201);
    const { id, revision } = logged.json();
    expect(revision).toBe(0);
    expect(await listed()).toContain(id);
    expect(await contact(id)).toMatchObject({
      group: 'funder',
      partnerName: 'OPCO Atlas',
      kind: 'meeting',
      contactOn: '2026-11-20',
      people: [{ name: 'Claire Martin', role: 'Chargée de relation' }],
      version: 1,
      revision: 0,
      erased: false,
    });

    const corrected = await post(`/api/partner-contacts/${id}/corrections`, meeting({ kind: 'webinar' }), {
      'if-match': '0',
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({ revision: 1, changed: true });

    const before = await t.lastPosition();
    const stale = await post(`/api/partner-contacts/${id}/corrections`, meeting({ kind: 'visit' }), {
      'if-match': '0',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 1 } });
    expect(await t.lastPosition()).toBe(before);

    const removed = await post(`/api/partner-contacts/${id}/remove`, { reason: 'duplicate' });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await listed()).not.toContain(id);
    expect(await listed({ includeRemoved: true })).toContain(id);
    const after = await contact(id);
    expect(after).toMatchObject({ kind: 'webinar', version: 2, removed: true, removalReason: 'duplicate' });
    expect(after.history.map((change: { change: string }) => change.change)).toEqual([
      'logged',
      'corrected',
      'removed',
    ]);
    expect(after.history[0]?.content?.kind).toBe('meeting');
    // Removal keeps the history; a removed contact is corrected no more.
    const late = await post(`/api/partner-contacts/${id}/corrections`, meeting(), { 'if-match': '2' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('contact_removed');
  });

  it('makes no revision when a correction changes nothing', async () => {
    const { id } = (await post('/api/partner-contacts', meeting())).json();
    const same = await post(`/api/partner-contacts/${id}/corrections`, meeting(), { 'if-match': '0' });
    expect(same.json()).toMatchObject({ changed: false, revision: 0 });
  });

  it('appends nothing new when a log is retried with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': `contact-${crypto.randomUUID()}` };
    const first = await post('/api/partner-contacts', meeting({ partnerName: 'Retry SA' }), headers);
    const position = await t.lastPosition();
    const second = await post('/api/partner-contacts', meeting({ partnerName: 'Retry SA' }), headers);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(await t.lastPosition()).toBe(position);
    expect(await t.store.readStream(partnerContactStream(first.json().id))).toHaveLength(1);
  });

  it.each([
    ['no partner name', meeting({ partnerName: '  ' }), 400, 'validation_failed'],
    ['an unknown group', meeting({ group: 'learner' }), 400, 'validation_failed'],
    ['an unknown kind', meeting({ kind: 'carrier_pigeon' }), 400, 'validation_failed'],
    ['a date that does not exist', meeting({ contactOn: '2026-02-30' }), 400, 'validation_failed'],
    ['a date in the future', meeting({ contactOn: '2999-01-01' }), 400, 'contact_date_in_future'],
    ['nobody met', meeting({ people: [] }), 400, 'people_missing'],
    ['a person without a name', meeting({ people: [{ name: '', role: null }] }), 400, 'validation_failed'],
    ['nothing said', meeting({ said: '' }), 400, 'validation_failed'],
    ['a NUL character', meeting({ said: 'a\u0000b' }), 400, 'invalid_characters'],
    ['an unknown session', meeting({ sessionId: crypto.randomUUID() }), 404, 'session_not_found'],
  ])('refuses a contact with %s (%s %s), writing nothing', async (_name, body, status, code) => {
    const before = await t.lastPosition();
    const response = await post('/api/partner-contacts', body);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json()).toMatchObject({ code, message: expect.any(String) });
    expect(await t.lastPosition()).toBe(before);
  });

  it('asks a correction for the revision it corrects, and answers an unknown contact as missing', async () => {
    const { id } = (await post('/api/partner-contacts', meeting())).json();
    const blind = await post(`/api/partner-contacts/${id}/corrections`, meeting({ kind: 'visit' }));
    expect(blind.statusCode).toBe(400);
    expect(blind.json().code).toBe('if_match_required');
    const missing = await post(`/api/partner-contacts/${crypto.randomUUID()}/corrections`, meeting(), {
      'if-match': '0',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('contact_not_found');
    const badReason = await post(`/api/partner-contacts/${id}/remove`, { reason: 'bored' });
    expect(badReason.statusCode).toBe(400);
  });

  it('records the session a contact was about, with its titles', async () => {
    const link = await openFeedbackLink(t, cookie, { title: 'Paie et RH', sessionTitle: 'Session d’avril' });
    const logged = await post(
      '/api/partner-contacts',
      meeting({ group: 'company', sessionId: link.sessionId }),
      {
        'x-min-position': String(link.position),
      },
    );
    expect(logged.statusCode, logged.body).toBe(201);
    expect((await contact(logged.json().id)).session).toEqual({
      sessionId: link.sessionId,
      trainingTitle: 'Paie et RH',
      sessionTitle: 'Session d’avril',
    });
  });

  it('filters the list by group, partner and period', async () => {
    const ids = {
      funder: (
        await post(
          '/api/partner-contacts',
          meeting({ partnerName: 'France Travail Rhône', contactOn: '2026-01-10' }),
        )
      ).json().id,
      company: (
        await post(
          '/api/partner-contacts',
          meeting({ group: 'company', partnerName: 'Boulangeries Rhône', contactOn: '2026-02-10' }),
        )
      ).json().id,
      other: (
        await post('/api/partner-contacts', meeting({ partnerName: 'Région Sud', contactOn: '2026-03-10' }))
      ).json().id,
    };
    expect(await listed({ partner: 'rhône' })).toEqual([ids.company, ids.funder]);
    expect(await listed({ partner: 'rhône', group: 'company' })).toEqual([ids.company]);
    const period = await listed({ from: '2026-01-01', to: '2026-02-28' });
    expect(period).toEqual([ids.company, ids.funder]);
    const wrongWay = await graphql(t.app, cookie, LIST, { from: '2026-03-01', to: '2026-02-01' });
    expect(wrongWay.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets a contributor log a contact but not correct or remove it; an auditor only reads', async () => {
    const contributor = await memberWithRole('contributor');
    const logged = await post('/api/partner-contacts', meeting(), {}, contributor);
    expect(logged.statusCode).toBe(201);
    const { id } = logged.json();
    const correction = await post(
      `/api/partner-contacts/${id}/corrections`,
      meeting({ kind: 'visit' }),
      { 'if-match': '0' },
      contributor,
    );
    expect(correction.statusCode).toBe(403);
    expect(
      (await post(`/api/partner-contacts/${id}/remove`, { reason: 'other' }, {}, contributor)).statusCode,
    ).toBe(403);
    const auditor = await memberWithRole('auditor');
    expect((await post('/api/partner-contacts', meeting(), {}, auditor)).statusCode).toBe(403);
    const seen = await graphql(t.app, auditor, CONTACT, { id }, await t.lastPosition());
    expect(seen.errors).toBeUndefined();
    expect((seen.data!.partnerContact as { said: string }).said).toBe(meeting().said);
  });

  it('shows a logged contact in the evidence of indicator 30, then an erasure reads as erased everywhere', async () => {
    const said = `Très satisfaits du suivi (${crypto.randomUUID()})`;
    const logged = await post(
      '/api/partner-contacts',
      meeting({ partnerName: 'Constructys', contactOn: '2026-10-05', said }),
    );
    const { id } = logged.json();
    await post(
      `/api/partner-contacts/${id}/corrections`,
      meeting({ partnerName: 'Constructys', contactOn: '2026-10-05', said, kind: 'phone_call' }),
      { 'if-match': '0' },
    );
    const timeline = async () =>
      (
        (
          await read(
            '{ evidenceTimeline(indicator: 30, first: 100) { edges { node { kind title summary sourceId } } } }',
          )
        ).evidenceTimeline as {
          edges: { node: { kind: string; title: string; summary: string; sourceId: string } }[];
        }
      ).edges
        .map((edge) => edge.node)
        .filter((node) => node.sourceId === id);
    expect(await timeline()).toEqual([
      {
        kind: 'partner_contact',
        title: 'Échange avec un financeur (réunion) : Constructys — 05/10/2026',
        summary: said,
        sourceId: id,
      },
    ]);

    const erased = await post(`/api/privacy/subjects/contact:${id}/erase`, { reason: 'subject_request' });
    expect(erased.statusCode, erased.body).toBe(200);
    const after = await contact(id);
    expect(after).toMatchObject({ said: ERASED, followUp: ERASED, people: [], erased: true });
    for (const change of after.history) {
      expect(change.content).toMatchObject({ said: ERASED, followUp: ERASED, people: [], erased: true });
    }
    expect((await timeline())[0]!.summary).toBe(ERASED);
    // The log itself reads as erased, and the partner, kind and date stay.
    const [first] = await t.store.readStream(partnerContactStream(id));
    expect(first!.data).toMatchObject({ partnerName: 'Constructys', said: ERASED, people: ERASED });
    // An erased contact is not corrected back to life.
    const revived = await post(`/api/partner-contacts/${id}/corrections`, meeting(), { 'if-match': '1' });
    expect(revived.statusCode).toBe(409);
    expect(revived.json().code).toBe('contact_erased');
  });
});
