import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificationProjection } from '../projections/certification/projection';
import { rebuildProjection } from '../projections/runner/rebuild';
import { execute } from '../services/db/database';
import { parisDate } from '../services/kernel/paris-time';
import { graphql, startTestApp, type TestApp } from './support/app';
import { profileCommand } from './support/organisation-fixture';

const JOURNEY = `{ certificationJourney {
  id kind startedOn complete
  steps { step optional state on }
  certifier { name accreditationRef chosenOn }
  quotes { certifier initialAuditCents yearlyFollowUpCents receivedOn }
  planning {
    revision turnoverBand categories sites newEntrant missing
    label { name heldSince }
    estimate { halfDays text lines { label halfDays } source }
    surveillance: estimate(auditKind: surveillance) { halfDays }
    reducedAudit { eligible chosen indicators conditions { code met } }
  }
} }`;

describe('certification journey: steps, planning, certifier and quotes; bad input writes nothing', () => {
  let t: TestApp;
  let a: { cookie: string; userId: string };
  const today = parisDate(new Date());

  const post = (url: string, payload: object, cookie = a.cookie, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie, ...headers } });
  const read = async (query: string, cookie = a.cookie) => {
    const answer = await graphql(t.app, cookie, query, {}, await t.lastPosition());
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  };

  beforeAll(async () => {
    t = await startTestApp();
    a = await t.organisation('Parcours A');
  });
  afterAll(() => t?.stop());

  it('follows a journey from the first step to the certificate, the audit held shown as observed', async () => {
    expect((await read('{ certificationJourney { id } }')).certificationJourney).toBeNull();
    const planning = (await read('{ certificationPlanning { revision missing estimate { halfDays } } }'))
      .certificationPlanning;
    expect(planning).toEqual({ revision: -1, missing: ['turnover_band', 'categories'], estimate: null });

    const activities = await profileCommand(
      t,
      a.cookie,
      'activities',
      {
        categories: ['training', 'apprenticeship'],
        newEntrant: true,
      },
      -1,
    );
    expect(activities.statusCode, activities.body).toBe(200);
    const site = await profileCommand(t, a.cookie, 'sites', { name: 'Lyon' }, activities.json().revision);
    await profileCommand(t, a.cookie, 'sites', { name: 'Grenoble' }, site.json().revision);

    const started = await post('/api/certification/journeys', { kind: 'initial' });
    expect(started.statusCode, started.body).toBe(201);
    const journeyId = started.json().id as string;
    const step = (body: object) => post(`/api/certification/journeys/${journeyId}/steps`, body);
    expect((await step({ step: 'referential_studied', state: 'done', on: today })).statusCode).toBe(200);
    expect((await step({ step: 'pre_audit', state: 'skipped' })).statusCode).toBe(200);
    const band = await post('/api/certification/turnover-band', { band: 'over_750k' });
    expect(band.json()).toMatchObject({ changed: true });
    const certifier = await post(`/api/certification/journeys/${journeyId}/certifier`, {
      name: 'ICPF',
      accreditationRef: 'COFRAC 5-0600',
    });
    expect(certifier.statusCode, certifier.body).toBe(200);
    const quote = await post(`/api/certification/journeys/${journeyId}/quotes`, {
      certifier: 'ICPF',
      initialAuditCents: 88_500,
      yearlyFollowUpCents: 44_000,
      receivedOn: today,
    });
    expect(quote.statusCode, quote.body).toBe(201);

    const audit = await post('/api/audits', {
      kind: 'initial',
      certifierName: 'ICPF',
      plannedFrom: today,
      plannedTo: today,
    });
    expect(audit.statusCode, audit.body).toBe(201);
    const held = await post(`/api/audits/${audit.json().id}/held`, { heldFrom: today, heldTo: today });
    expect(held.statusCode, held.body).toBe(200);

    const journey = (await read(JOURNEY)).certificationJourney as Record<string, unknown>;
    expect(journey).toMatchObject({
      id: journeyId,
      kind: 'initial',
      complete: false,
      certifier: { name: 'ICPF', accreditationRef: 'COFRAC 5-0600', chosenOn: today },
      quotes: [{ certifier: 'ICPF', initialAuditCents: 88_500, yearlyFollowUpCents: 44_000 }],
      planning: {
        turnoverBand: 'over_750k',
        categories: ['training', 'apprenticeship'],
        sites: 2,
        newEntrant: true,
        missing: [],
        // 1½ days + ½ (training) + 1 (apprenticeship) + ½ (one more site) = 3½ days; surveillance + ½ day.
        estimate: { halfDays: 7, text: '3,5 jours' },
        surveillance: { halfDays: 8 },
        reducedAudit: { eligible: false, chosen: false, indicators: [1, 2, 11, 12, 22, 24, 25, 26, 32] },
      },
    });
    expect(journey.steps).toEqual([
      { step: 'referential_studied', optional: false, state: 'done', on: today },
      { step: 'self_assessment_done', optional: false, state: 'todo', on: null },
      { step: 'certifier_chosen', optional: false, state: 'observed', on: today },
      { step: 'pre_audit', optional: true, state: 'skipped', on: null },
      { step: 'audit', optional: false, state: 'observed', on: today },
      { step: 'action_plan_sent', optional: true, state: 'todo', on: null },
      { step: 'certificate_received', optional: false, state: 'todo', on: null },
    ]);

    for (const [name, state] of [
      ['self_assessment_done', 'done'],
      ['action_plan_sent', 'skipped'],
      ['certificate_received', 'done'],
    ] as const) {
      const marked = await step({ step: name, state, on: state === 'done' ? today : null });
      expect(marked.statusCode, marked.body).toBe(200);
    }
    expect(((await read(JOURNEY)).certificationJourney as { complete: boolean }).complete).toBe(true);
    const renewal = await post('/api/certification/journeys', { kind: 'renewal' });
    expect(renewal.statusCode, renewal.body).toBe(201);
    const next = (await read('{ certificationJourney { id kind complete } }')).certificationJourney;
    expect(next).toEqual({ id: renewal.json().id, kind: 'renewal', complete: false });
  });

  it('offers the reduced audit on an initial journey with a label held at the end of 2018, and refuses it otherwise', async () => {
    const c = await t.organisation('Parcours C');
    const journeyId = (await post('/api/certification/journeys', { kind: 'initial' }, c.cookie)).json().id;
    const choose = () =>
      post(`/api/certification/journeys/${journeyId}/reduced-audit`, { reduced: true }, c.cookie);
    const before = await t.lastPosition();
    const refused = await choose();
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'reduced_audit_not_eligible',
      details: { unmet: ['recognised_label', 'label_held_end_2018'] },
    });
    expect(await t.lastPosition()).toBe(before);

    await post(
      '/api/certification/quality-label',
      { label: { name: 'ICPF', heldSince: '2017-05-10' } },
      c.cookie,
    );
    expect((await choose()).statusCode).toBe(200);
    const reduced = (
      await read('{ certificationPlanning { label { name } reducedAudit { eligible chosen } } }', c.cookie)
    ).certificationPlanning;
    expect(reduced).toEqual({ label: { name: 'ICPF' }, reducedAudit: { eligible: true, chosen: true } });
  });

  it('refuses bad input with a code, a journey it does not know with 404, a stale revision with 409: nothing written', async () => {
    const d = await t.organisation('Parcours D');
    const created = await post('/api/certification/journeys', { kind: 'initial' }, d.cookie);
    const journeyId = created.json().id as string;
    const before = await t.lastPosition();
    const cases: [string, object, number, string][] = [
      ['/api/certification/journeys', { kind: 'surveillance' }, 400, 'validation_failed'],
      ['/api/certification/journeys', { kind: 'renewal' }, 409, 'journey_in_progress'],
      [
        `/api/certification/journeys/${journeyId}/steps`,
        { step: 'lunch', state: 'done', on: today },
        400,
        'validation_failed',
      ],
      [
        `/api/certification/journeys/${journeyId}/steps`,
        { step: 'audit', state: 'done' },
        400,
        'step_date_required',
      ],
      [
        `/api/certification/journeys/${journeyId}/steps`,
        { step: 'audit', state: 'done', on: '2999-01-01' },
        400,
        'step_date_in_future',
      ],
      [
        `/api/certification/journeys/${journeyId}/steps`,
        { step: 'audit', state: 'skipped' },
        400,
        'step_not_optional',
      ],
      [
        `/api/certification/journeys/${journeyId}/steps`,
        { step: 'audit', state: 'done', on: '2026-02-30' },
        400,
        'validation_failed',
      ],
      [`/api/certification/journeys/${journeyId}/certifier`, { name: '  ' }, 400, 'validation_failed'],
      [
        `/api/certification/journeys/${journeyId}/quotes`,
        { certifier: 'ICPF', initialAuditCents: -5, yearlyFollowUpCents: 0, receivedOn: today },
        400,
        'validation_failed',
      ],
      [
        `/api/certification/journeys/${journeyId}/quotes`,
        { certifier: 'ICPF', initialAuditCents: 885.5, yearlyFollowUpCents: 0, receivedOn: today },
        400,
        'validation_failed',
      ],
      [
        `/api/certification/journeys/${journeyId}/quotes`,
        { certifier: 'ICPF', initialAuditCents: 1, yearlyFollowUpCents: 1, receivedOn: '2999-01-01' },
        400,
        'quote_date_in_future',
      ],
      ['/api/certification/turnover-band', { band: 'millions' }, 400, 'validation_failed'],
      [
        '/api/certification/quality-label',
        { label: { name: 'ICPF', heldSince: '2999-01-01' } },
        400,
        'label_date_in_future',
      ],
      [
        `/api/certification/journeys/${crypto.randomUUID()}/steps`,
        { step: 'audit', state: 'todo' },
        404,
        'journey_not_found',
      ],
      ['/api/certification/journeys/not-an-id/certifier', { name: 'ICPF' }, 400, 'validation_failed'],
    ];
    for (const [url, payload, status, code] of cases) {
      const response = await post(url, payload, d.cookie);
      expect(response.statusCode, `${url} ${JSON.stringify(payload)} ${response.body}`).toBe(status);
      expect(response.json().code, url).toBe(code);
    }
    const stale = await post('/api/certification/turnover-band', { band: 'under_150k' }, d.cookie, {
      'if-match': String(created.json().revision - 1),
    });
    expect(stale.statusCode).toBe(409);
    expect(await t.lastPosition()).toBe(before);
  });
  it('rebuilds the journeys, quotes and settings from the log into the same rows', async () => {
    expect(await t.runner.waitForPosition(await t.lastPosition(), 30_000)).toBe(true);
    const snapshot = async () => {
      const rows: Record<string, unknown[]> = {};
      for (const table of certificationProjection.tables) {
        rows[table] = await execute(t.database.db, `SELECT * FROM ${table} t ORDER BY t::text`);
      }
      return rows;
    };
    const before = await snapshot();
    expect(before.certification_journeys!.length).toBeGreaterThan(2);
    await rebuildProjection(t.database, t.store, certificationProjection);
    expect(await snapshot()).toEqual(before);
  });
});
