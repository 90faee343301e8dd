import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentsProjection } from '../projections/incidents/projection';
import { rebuildProjection } from '../projections/runner/rebuild';
import { registerAccount } from '../services/access/accounts';
import { incidentStream } from '../services/complaints/incident-events';
import { execute } from '../services/db/database';
import { ERASED } from '../services/privacy/declarations';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';
import { openFeedbackLink } from './support/training-fixture';

const INCIDENT = `query ($id: ID!) { incident(id: $id) {
  id kind category severity status occurredOn description detailsHidden erased site measureCount resolvedOn
  resolution indicators revision session { sessionId trainingTitle sessionTitle }
  measures { on text } steps { step on text followUpId }
} }`;
const LIST = `query ($filter: IncidentFilter) {
  incidents(filter: $filter, first: 50) { edges { node { id } } }
  incidentCounts(filter: $filter) { total open resolved majorOpen }
}`;

interface IncidentView {
  status: string;
  description: string | null;
  detailsHidden: boolean;
  resolution: string | null;
  measures: { on: string; text: string | null }[];
  steps: { step: string; text: string | null; followUpId: string | null }[];
}

const dropout = (overrides: Record<string, unknown> = {}) => ({
  kind: 'difficulty',
  category: 'dropout_risk',
  severity: 'moderate',
  site: 'Lyon',
  occurredOn: '2026-11-20',
  description: 'Une apprenante absente deux jours parle d’abandonner la formation.',
  ...overrides,
});

describe('difficulties and disruptions: recorded, measures, resolved, reopened, erased', () => {
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
  const incident = async (id: string, as = cookie) =>
    (await read(INCIDENT, { id }, as)).incident as IncidentView;
  const listed = async (filter: Record<string, unknown> = {}) => {
    const data = await read(LIST, { filter });
    return {
      ids: (data.incidents as { edges: { node: { id: string } }[] }).edges.map((edge) => edge.node.id),
      counts: data.incidentCounts as { total: number; open: number; resolved: number; majorOpen: number },
    };
  };
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
    ({ cookie, organisationId } = await t.organisation('Incidents'));
  });
  afterAll(() => t?.stop());

  it('records a difficulty on a session, takes measures, resolves, refuses a stale step, reopens', async () => {
    const { sessionId } = await openFeedbackLink(t, cookie, { sessionTitle: 'Session de novembre' });
    const recorded = await post('/api/incidents', dropout({ sessionId }));
    expect(recorded.statusCode, recorded.body).toBe(201);
    const { id, revision } = recorded.json();
    expect(revision).toBe(0);
    expect(await incident(id)).toMatchObject({
      kind: 'difficulty',
      category: 'dropout_risk',
      status: 'open',
      occurredOn: '2026-11-20',
      description: dropout().description,
      indicators: [12, 31],
      session: { sessionId, trainingTitle: 'Excel avancé', sessionTitle: 'Session de novembre' },
    });

    const measure = await post(
      `/api/incidents/${id}/measures`,
      { measure: 'Entretien individuel, plan de rattrapage.', takenOn: '2026-11-21' },
      { 'if-match': '0' },
    );
    expect(measure.statusCode, measure.body).toBe(201);
    const before = await t.lastPosition();
    const stale = await post(
      `/api/incidents/${id}/resolve`,
      { resolution: 'Elle continue.' },
      { 'if-match': '0' },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 1 } });
    expect(await t.lastPosition()).toBe(before);

    const resolved = await post(
      `/api/incidents/${id}/resolve`,
      { resolution: 'Elle continue.' },
      { 'if-match': '1' },
    );
    expect(resolved.statusCode, resolved.body).toBe(200);
    const again = await post(`/api/incidents/${id}/measures`, { measure: 'Encore une.' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('incident_resolved');
    expect(await incident(id)).toMatchObject({
      status: 'resolved',
      resolution: 'Elle continue.',
      measureCount: 1,
      measures: [{ on: '2026-11-21', text: 'Entretien individuel, plan de rattrapage.' }],
    });

    const reopened = await post(`/api/incidents/${id}/reopen`, { reason: 'Nouvelle absence.' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const after = await incident(id);
    expect(after).toMatchObject({ status: 'open', resolution: null });
    expect(after.steps.map((step) => step.step)).toEqual(['recorded', 'measure', 'resolved', 'reopened']);
  });

  it('refuses bad input with clear codes and writes nothing', async () => {
    const before = await t.lastPosition();
    const future = await post('/api/incidents', dropout({ occurredOn: '2099-01-01' }));
    expect(future.statusCode).toBe(400);
    expect(future.json().code).toBe('date_in_future');
    const unknownCategory = await post('/api/incidents', dropout({ category: 'weather' }));
    expect(unknownCategory.statusCode).toBe(400);
    const emptyText = await post('/api/incidents', dropout({ description: '   ' }));
    expect(emptyText.statusCode).toBe(400);
    const noSession = await post('/api/incidents', dropout({ sessionId: crypto.randomUUID() }));
    expect(noSession.statusCode).toBe(404);
    expect(noSession.json().code).toBe('session_not_found');
    const unknown = await post(`/api/incidents/${crypto.randomUUID()}/resolve`, { resolution: 'x' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('incident_not_found');
    const { id } = (await post('/api/incidents', dropout())).json();
    const afterRecord = await t.lastPosition();
    expect(afterRecord).toBeGreaterThan(before);
    const early = await post(`/api/incidents/${id}/measures`, { measure: 'Appel', takenOn: '2026-11-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().code).toBe('date_before_previous_step');
    const notResolved = await post(`/api/incidents/${id}/reopen`, { reason: 'x' });
    expect(notResolved.statusCode).toBe(409);
    expect(notResolved.json().code).toBe('incident_not_resolved');
    expect(await t.lastPosition()).toBe(afterRecord);
  });

  it('filters the register by kind, category, severity, status, session and period, and counts it', async () => {
    const org = await t.organisation('Filtres');
    const as = org.cookie;
    const { sessionId } = await openFeedbackLink(t, as);
    const make = async (body: Record<string, unknown>) => {
      const response = await post('/api/incidents', dropout(body), {}, as);
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    const flood = await make({
      kind: 'disruption',
      category: 'room',
      severity: 'major',
      occurredOn: '2026-10-02',
      sessionId,
    });
    const ramp = await make({
      category: 'disability_accommodation',
      severity: 'minor',
      occurredOn: '2026-11-05',
    });
    const risk = await make({ occurredOn: '2026-11-10' });
    await post(`/api/incidents/${risk}/resolve`, { resolution: 'Suivi renforcé.' }, {}, as);
    const list = async (filter: Record<string, unknown>) => {
      const data = await read(LIST, { filter }, as);
      return {
        ids: (data.incidents as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id),
        counts: data.incidentCounts,
      };
    };
    expect(await list({})).toEqual({
      ids: [risk, ramp, flood],
      counts: { total: 3, open: 2, resolved: 1, majorOpen: 1 },
    });
    expect((await list({ kind: 'disruption' })).ids).toEqual([flood]);
    expect((await list({ category: 'disability_accommodation' })).ids).toEqual([ramp]);
    expect((await list({ severity: 'major' })).ids).toEqual([flood]);
    expect((await list({ status: 'resolved' })).ids).toEqual([risk]);
    expect((await list({ sessionId })).ids).toEqual([flood]);
    expect((await list({ from: '2026-11-01', to: '2026-11-06' })).ids).toEqual([ramp]);
    const wrongWay = await graphql(t.app, as, LIST, { filter: { from: '2026-11-02', to: '2026-11-01' } });
    expect(wrongWay.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await listed()).ids).not.toContain(flood);
  });

  it('lets a contributor record and add measures but not resolve; hides others’ text from them', async () => {
    const contributor = await memberWithRole('contributor');
    const own = await post('/api/incidents', dropout({ category: 'trainer_absence' }), {}, contributor);
    expect(own.statusCode, own.body).toBe(201);
    const { id } = own.json();
    const measure = await post(
      `/api/incidents/${id}/measures`,
      { measure: 'Remplaçant trouvé.' },
      {},
      contributor,
    );
    expect(measure.statusCode, measure.body).toBe(201);
    expect(
      (await post(`/api/incidents/${id}/resolve`, { resolution: 'x' }, {}, contributor)).statusCode,
    ).toBe(403);
    expect(await incident(id, contributor)).toMatchObject({
      description: dropout().description,
      detailsHidden: false,
    });
    const other = (await post('/api/incidents', dropout())).json().id;
    expect(await incident(other, contributor)).toMatchObject({ description: null, detailsHidden: true });
    const auditor = await memberWithRole('auditor');
    expect((await post('/api/incidents', dropout(), {}, auditor)).statusCode).toBe(403);
    expect(await incident(other, auditor)).toMatchObject({ description: dropout().description });
  });

  it('records an improvement request once per retry, as evidence for 32', async () => {
    const { id } = (await post('/api/incidents', dropout())).json();
    const headers = { 'idempotency-key': `improve-${crypto.randomUUID()}` };
    const first = await post(
      `/api/incidents/${id}/improvement-requests`,
      { title: 'Revoir l’accueil' },
      headers,
    );
    expect(first.statusCode, first.body).toBe(201);
    // The actions slice plans the request (one event of its own): let it, before counting what the retry writes.
    await t.runner.waitForPosition(first.json().position, 30_000);
    await t.actionReactor.pickUpThrough(await t.lastPosition());
    const position = await t.lastPosition();
    const second = await post(
      `/api/incidents/${id}/improvement-requests`,
      { title: 'Revoir l’accueil' },
      headers,
    );
    expect(second.json()).toEqual(first.json());
    expect(await t.lastPosition()).toBe(position);
    const { steps } = await incident(id);
    expect(steps.at(-1)).toMatchObject({
      step: 'improvement_requested',
      text: 'Revoir l’accueil',
      followUpId: first.json().id,
    });
    const timeline = (await read(
      '{ evidenceTimeline(indicator: 32, first: 100) { edges { node { kind sourceId } } } }',
    )) as { evidenceTimeline: { edges: { node: { kind: string; sourceId: string } }[] } };
    expect(timeline.evidenceTimeline.edges.map((edge) => edge.node)).toContainEqual({
      kind: 'improvement_source',
      sourceId: id,
    });
  });

  it('puts each step in the timeline of 31, a learner at risk in 12, a disability one in 26; erasure scrubs text', async () => {
    const { id } = (await post('/api/incidents', dropout({ occurredOn: '2026-11-25' }))).json();
    await post(`/api/incidents/${id}/measures`, { measure: 'Tutorat.', takenOn: '2026-11-26' });
    await post(`/api/incidents/${id}/resolve`, { resolution: 'Elle termine.', resolvedOn: '2026-11-27' });
    const disability = (
      await post(
        '/api/incidents',
        dropout({ category: 'disability_accommodation', occurredOn: '2026-11-25' }),
      )
    ).json().id;
    const timeline = async (indicator: number, source: string) =>
      (
        (await read(
          `{ evidenceTimeline(indicator: ${indicator}, first: 100) { edges { node { kind title sourceId } } } }`,
        )) as { evidenceTimeline: { edges: { node: { kind: string; title: string; sourceId: string } }[] } }
      ).evidenceTimeline.edges
        .map((edge) => edge.node)
        .filter((node) => node.sourceId === source)
        .map((node) => node.kind)
        .sort();
    expect(await timeline(31, id)).toEqual(['incident_measure', 'incident_recorded', 'incident_resolved']);
    expect(await timeline(12, id)).toEqual(['incident_recorded']);
    expect(await timeline(26, id)).toEqual([]);
    expect(await timeline(26, disability)).toEqual(['incident_recorded']);

    const erased = await post(`/api/privacy/subjects/learner:${id}/erase`, { reason: 'subject_request' });
    expect(erased.statusCode, erased.body).toBe(200);
    const after = await incident(id);
    expect(after).toMatchObject({ description: ERASED, resolution: ERASED, measures: [{ text: ERASED }] });
    const [first] = await t.store.readStream(incidentStream(id));
    expect(first!.data).toMatchObject({ category: 'dropout_risk', description: ERASED });
    const late = await post(`/api/incidents/${id}/reopen`, { reason: 'x' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('incident_erased');
  });

  it('rebuilds the register from the log into the same rows', async () => {
    expect(await t.runner.waitForPosition(await t.lastPosition(), 30_000)).toBe(true);
    const snapshot = async () => {
      const rows: Record<string, unknown[]> = {};
      for (const table of incidentsProjection.tables) {
        rows[table] = await execute(t.database.db, `SELECT * FROM ${table} t ORDER BY t::text`);
      }
      return rows;
    };
    const before = await snapshot();
    expect(before.incidents!.length).toBeGreaterThan(5);
    await rebuildProjection(t.database, t.store, incidentsProjection);
    expect(await snapshot()).toEqual(before);
  });
});
