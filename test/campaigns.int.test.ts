import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../services/access/accounts';
import { campaignStream } from '../services/campaign/events';
import { ERASED } from '../services/privacy/declarations';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';

const CSV = (lines: string[]) =>
  Buffer.from(`\uFEFF${['Nom;Prénom;E-mail', ...lines].join('\r\n')}\r\n`, 'utf8');

describe('campaigns: planning and respondents', () => {
  let t: TestApp;
  let cookie: string;
  let other: string;
  let sessionId: string;
  let questionnaireId: string;

  const post = (url: string, payload: object, as = cookie, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie: as, ...headers } });
  const upload = (url: string, body: Buffer, as = cookie) =>
    t.app.inject({ method: 'POST', url, payload: body, headers: { cookie: as, 'content-type': 'text/csv' } });
  const after = async () => ({ 'x-min-position': String(await t.lastPosition()) });
  const plan = async (overrides: object = {}) =>
    post(
      '/api/campaigns',
      {
        questionnaireId,
        audience: 'learner',
        target: { sessionId },
        send: { anchor: 'session_end', offsetDays: 0 },
        reminders: 2,
        reminderGapDays: 3,
        openDays: 14,
        ...overrides,
      },
      cookie,
      await after(),
    );
  const eventsOf = async (campaignId: string) => t.store.readStream(campaignStream(campaignId));

  beforeAll(async () => {
    t = await startTestApp();
    ({ cookie } = await t.organisation('Campagnes'));
    ({ cookie: other } = await t.organisation('Autre'));
    const action = await post('/api/training-actions', { title: 'Excel', category: 'training' });
    const session = await post(`/api/training-actions/${action.json().id}/sessions`, {
      title: 'Mars',
      startsOn: '2027-03-01',
      endsOn: '2027-03-05',
      site: 'Lyon',
    });
    sessionId = session.json().id;
    questionnaireId = (await post('/api/questionnaires', { fromTemplate: 'learner_end_of_session' })).json()
      .id;
  });
  afterAll(() => t?.stop());

  it('plans a campaign from the session’s end, with the questionnaire’s current version', async () => {
    const response = await plan();
    expect(response.statusCode).toBe(201);
    const [planned] = await eventsOf(response.json().id);
    expect(planned).toMatchObject({
      type: 'CampaignPlanned',
      data: {
        audience: 'learner',
        questionnaireVersion: 1,
        target: { kind: 'session', sessionId, endsOn: '2027-03-05' },
        schedule: { sendOn: '2027-03-05', closesOn: '2027-03-19', reminders: 2, reminderGapDays: 3 },
      },
    });
  });

  it.each([
    ['a questionnaire for another group', { audience: 'funder' }, 400, 'questionnaire_audience_mismatch'],
    ['an unknown questionnaire', { questionnaireId: crypto.randomUUID() }, 404, 'questionnaire_not_found'],
    ['an unknown session', { target: { sessionId: crypto.randomUUID() } }, 404, 'session_not_found'],
    ['a dated sending without its date', { send: { anchor: 'date' } }, 400, 'send_date_missing'],
    ['four reminders', { reminders: 4 }, 400, 'validation_failed'],
  ])('refuses %s and writes nothing', async (_, overrides, status, code) => {
    const before = await t.lastPosition();
    const response = await plan(overrides);
    expect(response.statusCode).toBe(status);
    expect(response.json().code).toBe(code);
    expect(await t.lastPosition()).toBe(before);
  });

  it('imports a French CSV, and refuses a file with bad lines whole, naming each line', async () => {
    const { id } = (await plan()).json();
    const bad = await upload(
      `/api/campaigns/${id}/respondents/import`,
      CSV([
        'Durand;Élodie;elodie@example.fr',
        'Martin;Paul;paul.example.fr',
        'Durand;Élo;ELODIE@example.fr',
        ';Sans;nom@example.fr',
      ]),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'respondent_lines_invalid',
      details: {
        problems: [
          { line: 3, code: 'invalid_email' },
          { line: 4, code: 'duplicate_email', firstLine: 2 },
          { line: 5, code: 'missing_name' },
        ],
      },
    });
    expect((await eventsOf(id)).map((event) => event.type)).toEqual(['CampaignPlanned']);

    const utf16 = await upload(
      `/api/campaigns/${id}/respondents/import`,
      Buffer.from('Nom;E-mail', 'utf16le'),
    );
    expect(utf16.json()).toMatchObject({
      code: 'unknown_encoding',
      details: { fileError: 'unknown_encoding' },
    });

    const good = await upload(
      `/api/campaigns/${id}/respondents/import`,
      CSV(['Durand;Élodie;elodie@example.fr', 'Martin;Paul;paul@example.fr']),
    );
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ added: 2, changed: true });
    const added = (await eventsOf(id)).filter((event) => event.type === 'CampaignRespondentAdded');
    expect(added.map((event) => event.data)).toMatchObject([
      { email: 'elodie@example.fr', firstName: 'Élodie', lastName: 'Durand', source: 'import' },
      { email: 'paul@example.fr', firstName: 'Paul', lastName: 'Martin', source: 'import' },
    ]);

    // Someone already asked, typed in again: nobody of the list is added.
    const again = await post(`/api/campaigns/${id}/respondents`, {
      respondents: [
        { email: 'lea@example.fr', lastName: 'Petit' },
        { email: 'Paul@Example.fr', firstName: 'Paul', lastName: 'Martin' },
      ],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'respondent_already_asked',
      details: { emails: ['Paul@example.fr'] },
    });
    expect((await eventsOf(id)).length).toBe(3);
  });

  it('adds nobody twice on a retried list (same Idempotency-Key), and refuses a malformed key writing nothing', async () => {
    const { id } = (await plan()).json();
    const list = { respondents: [{ email: 'retry@example.fr', lastName: 'Retry' }] };
    const first = await post(`/api/campaigns/${id}/respondents`, list, cookie, {
      'idempotency-key': `add-${id}`,
    });
    const again = await post(`/api/campaigns/${id}/respondents`, list, cookie, {
      'idempotency-key': `add-${id}`,
    });
    expect(first.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const before = await t.lastPosition();
    const bad = await post(`/api/campaigns/${id}/respondents`, list, cookie, { 'idempotency-key': 'short' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_idempotency_key');
    expect(await t.lastPosition()).toBe(before);
    expect((await eventsOf(id)).filter((event) => event.type === 'CampaignRespondentAdded')).toHaveLength(1);
  });

  it('keeps respondents’ names and addresses sealed in the stored log', async () => {
    const { id } = (await plan()).json();
    await post(`/api/campaigns/${id}/respondents`, {
      respondents: [{ email: 'secret.person@example.fr', firstName: 'Secrète', lastName: 'Personne' }],
    });
    const rows = await t.testDb.database.db
      .selectFrom('es_events' as never)
      .select('data' as never)
      .where('stream_id' as never, '=', campaignStream(id) as never)
      .execute();
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('secret.person');
    expect(stored).not.toContain('Secrète');
    expect(stored).not.toContain('Personne');
  });

  it('answers another organisation’s campaign exactly like a missing one, and writes nothing', async () => {
    const { id } = (await plan()).json();
    const before = await t.lastPosition();
    const foreign = await post(`/api/campaigns/${id}/close`, {}, other);
    const missing = await post(`/api/campaigns/${crypto.randomUUID()}/close`, {}, other);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    const foreignImport = await upload(
      `/api/campaigns/${id}/respondents/import`,
      CSV(['A;B;a@example.fr']),
      other,
    );
    expect(foreignImport.statusCode).toBe(404);
    expect(await t.lastPosition()).toBe(before);
  });
});

describe('campaigns: the read model', () => {
  let t: TestApp;
  let cookie: string;
  let organisationId: string;

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie, ...headers } });
  const read = async (query: string, variables: Record<string, unknown> = {}, as = cookie) =>
    graphql(t.app, as, query, variables, await t.lastPosition());

  beforeAll(async () => {
    t = await startTestApp();
    ({ cookie, organisationId } = await t.organisation('Campagnes lues'));
  });
  afterAll(() => t?.stop());

  it('lists a campaign with its counters, shows respondents to managers only, and scrubs an erased one', async () => {
    const questionnaireId = (await post('/api/questionnaires', { fromTemplate: 'funder' })).json().id;
    const planned = await post(
      '/api/campaigns',
      {
        questionnaireId,
        audience: 'funder',
        target: { period: { label: 'Année 2027', from: '2027-01-01', to: '2027-12-31' } },
        send: { anchor: 'date', date: '2028-01-15' },
        reminders: 1,
      },
      { 'x-min-position': String(await t.lastPosition()) },
    );
    expect(planned.statusCode).toBe(201);
    const id = planned.json().id as string;
    await post(`/api/campaigns/${id}/respondents`, {
      respondents: [
        { email: 'financeur@opco.example', firstName: 'Anne', lastName: 'Opco' },
        { email: 'region@region.example', lastName: 'Région' },
      ],
    });
    const query = `query ($id: ID!) { campaign(id: $id) {
      targetKind targetLabel periodFrom sendOn closesOn status respondentCount invitedCount
      respondents { id email firstName lastName messages answered }
    } }`;
    const seen = await read(query, { id });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.campaign).toMatchObject({
      targetKind: 'period',
      targetLabel: 'Année 2027',
      periodFrom: '2027-01-01',
      sendOn: '2028-01-15',
      closesOn: '2028-02-05',
      status: 'planned',
      respondentCount: 2,
      invitedCount: 0,
      respondents: [
        {
          email: 'financeur@opco.example',
          firstName: 'Anne',
          lastName: 'Opco',
          messages: 0,
          answered: false,
        },
        { email: 'region@region.example', firstName: null, lastName: 'Région' },
      ],
    });

    const auditorEmail = `auditor.${crypto.randomUUID()}@example.fr`;
    await registerAccount(
      { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
      { organisationId, email: auditorEmail, displayName: 'Auditrice', role: 'auditor', password: PASSWORD },
    );
    const auditor = await t.login(auditorEmail, PASSWORD);
    const counts = await read('query ($id: ID!) { campaign(id: $id) { respondentCount } }', { id }, auditor);
    expect(counts.data!.campaign).toEqual({ respondentCount: 2 });
    const names = await read(query, { id }, auditor);
    expect(names.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const respondentId = (seen.data!.campaign as { respondents: { id: string }[] }).respondents[0]!.id;
    const erased = await post(`/api/privacy/subjects/respondent:${respondentId}/erase`, {
      reason: 'subject_request',
    });
    expect(erased.statusCode).toBe(200);
    const after = await read(query, { id });
    expect((after.data!.campaign as { respondents: unknown[] }).respondents[0]).toMatchObject({
      email: ERASED,
      firstName: ERASED,
      lastName: ERASED,
    });
    const removed = await post(`/api/campaigns/${id}/respondents/${respondentId}/remove`, {});
    expect(removed.statusCode).toBe(200);
    const left = await read(query, { id });
    expect(left.data!.campaign).toMatchObject({ respondentCount: 1, respondents: [{ lastName: 'Région' }] });
  });
});
