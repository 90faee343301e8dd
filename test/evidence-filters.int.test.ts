import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProjections } from '../projections/index';
import { rebuildProjection } from '../projections/runner/rebuild';
import { execute } from '../services/db/database';
import { graphql, startTestApp, type TestApp } from './support/app';
import { answer } from './support/training-fixture';

const evidence = allProjections.find((projection) => projection.name === 'evidence')!;

const TIMELINE = `query ($indicator: Int!, $site: String, $category: ActionCategory, $first: Int) {
  evidenceTimeline(indicator: $indicator, site: $site, category: $category, first: $first) {
    totalCount
    edges { node { kind site category sourceType } }
  }
}`;
const SUMMARY = `query ($site: String, $category: ActionCategory) {
  evidenceSummary(site: $site, category: $category) { indicator count firstAt lastAt }
}`;
const INDICATOR = `query ($indicator: Int!, $site: String, $category: ActionCategory) {
  indicatorEvidence(indicator: $indicator, site: $site, category: $category) {
    indicator count firstAt lastAt
    byKind { kind label items }
    bySource { sourceType label items sources }
  }
}`;

describe('evidence filtered by site and by category of action', () => {
  let t: TestApp;
  let cookie: string;

  const post = (url: string, payload: object = {}, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie, ...headers } });
  const read = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await graphql(t.app, cookie, query, variables, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const timeline = async (variables: Record<string, unknown>) =>
    (await read(TIMELINE, { indicator: 30, first: 50, ...variables })).evidenceTimeline as {
      totalCount: number;
      edges: { node: { kind: string; site: string | null; category: string | null; sourceType: string } }[];
    };

  /** A training action of a category with one session at a site, a feedback link on it and one answer. */
  const sessionAt = async (site: string, category: string) => {
    const action = await post('/api/training-actions', { title: `Action à ${site}`, category });
    expect(action.statusCode).toBe(201);
    const actionId: string = action.json().id;
    const session = await post(`/api/training-actions/${actionId}/sessions`, {
      title: `Session à ${site}`,
      startsOn: '2026-03-02',
      endsOn: '2026-03-04',
      site,
    });
    expect(session.statusCode).toBe(201);
    const sessionId: string = session.json().id;
    // Read-your-writes: the link is opened on the session as projected.
    const link = await post(
      `/api/sessions/${sessionId}/feedback-links`,
      { audience: 'learner' },
      { 'x-min-position': String(session.json().position) },
    );
    expect(link.statusCode).toBe(201);
    expect((await answer(t, link.json().token)).statusCode).toBe(201);
    return { actionId, sessionId };
  };

  let lyon: { actionId: string; sessionId: string };
  let paris: { actionId: string; sessionId: string };

  beforeAll(async () => {
    t = await startTestApp();
    ({ cookie } = await t.organisation('Formations Multisites'));
    lyon = await sessionAt('Lyon', 'training');
    paris = await sessionAt('Paris', 'apprenticeship');
  });
  afterAll(() => t?.stop());

  it('items about a session carry its site and its action’s category; the filters narrow the timeline and its total', async () => {
    const all = await timeline({});
    expect(all.totalCount).toBe(4);

    const atLyon = await timeline({ site: 'Lyon' });
    expect(atLyon.totalCount).toBe(2);
    expect(atLyon.edges.map(({ node }) => node)).toEqual([
      { kind: 'solicitation', site: 'Lyon', category: 'training', sourceType: 'session' },
      { kind: 'feedback_received', site: 'Lyon', category: 'training', sourceType: 'session' },
    ]);

    const apprenticeship = await timeline({ category: 'apprenticeship' });
    expect(apprenticeship.totalCount).toBe(2);
    expect(apprenticeship.edges.every(({ node }) => node.site === 'Paris')).toBe(true);

    const none = await timeline({ site: 'Lyon', category: 'apprenticeship' });
    expect(none).toEqual({ totalCount: 0, edges: [] });

    const summary = (await read(SUMMARY, { site: 'Paris' })).evidenceSummary as { indicator: number }[];
    expect(summary).toEqual([expect.objectContaining({ indicator: 30, count: 2 })]);
    expect((await read('{ evidenceSites }')).evidenceSites).toEqual(['Lyon', 'Paris']);
  });

  it('summarises one indicator: items, first and last dates, counts by kind in French, sources by type', async () => {
    const summary = (await read(INDICATOR, { indicator: 30 })).indicatorEvidence as Record<string, unknown>;
    expect(summary).toMatchObject({
      indicator: 30,
      count: 4,
      byKind: [
        { kind: 'feedback_received', label: 'Appréciation recueillie', items: 2 },
        { kind: 'solicitation', label: 'Sollicitation', items: 2 },
      ],
      bySource: [{ sourceType: 'session', label: 'Session', items: 4, sources: 2 }],
    });
    expect(Date.parse(summary.firstAt as string)).toBeLessThanOrEqual(Date.parse(summary.lastAt as string));
    const atParis = (await read(INDICATOR, { indicator: 30, site: 'Paris' })).indicatorEvidence;
    expect(atParis).toMatchObject({ count: 2, bySource: [{ sourceType: 'session', items: 2, sources: 1 }] });
    const empty = (await read(INDICATOR, { indicator: 31 })).indicatorEvidence;
    expect(empty).toEqual({ indicator: 31, count: 0, firstAt: null, lastAt: null, byKind: [], bySource: [] });
  });

  it('a complaint’s later steps inherit the session its receipt named', async () => {
    const received = await post('/api/complaints', {
      channel: 'phone',
      group: 'learner',
      anonymous: true,
      text: 'La salle était trop petite.',
      sessionId: lyon.sessionId,
    });
    expect(received.statusCode).toBe(201);
    const acknowledged = await post(`/api/complaints/${received.json().id}/acknowledgement`, {
      message: 'Nous avons bien reçu votre réclamation.',
      sentByEmail: false,
    });
    expect(acknowledged.statusCode).toBe(200);
    const complaints = await timeline({ indicator: 31, site: 'Lyon' });
    expect(complaints.edges.map(({ node }) => node.kind)).toEqual([
      'complaint_received',
      'complaint_acknowledged',
    ]);
    expect((await timeline({ indicator: 31, site: 'Paris' })).totalCount).toBe(0);
  });

  it('items follow a session moved elsewhere and an action recategorised, and a rebuild gives the same rows', async () => {
    const moved = await post(`/api/training-actions/${lyon.actionId}/sessions/${lyon.sessionId}/move`, {
      site: 'Villeurbanne',
      reason: 'Salle indisponible',
    });
    expect(moved.statusCode).toBe(200);
    const recategorised = await post(`/api/training-actions/${paris.actionId}/category`, {
      category: 'vae',
      certifying: false,
      reason: 'Erreur de saisie',
    });
    expect(recategorised.json()).toMatchObject({ changed: true });

    expect((await timeline({ site: 'Lyon' })).totalCount).toBe(0);
    expect((await timeline({ site: 'Villeurbanne' })).totalCount).toBe(2);
    expect((await timeline({ indicator: 31, site: 'Villeurbanne' })).totalCount).toBe(2);
    expect((await timeline({ category: 'apprenticeship' })).totalCount).toBe(0);
    expect((await timeline({ category: 'vae' })).edges.map(({ node }) => node.site)).toEqual([
      'Paris',
      'Paris',
    ]);
    expect((await read('{ evidenceSites }')).evidenceSites).toEqual(['Paris', 'Villeurbanne']);

    const rows = async () => {
      const tables: Record<string, unknown[]> = {};
      for (const table of evidence.tables) {
        tables[table] = await execute(t.database.db, `SELECT * FROM ${table} ORDER BY 1, 2`);
      }
      return tables;
    };
    await read('{ evidenceSites }');
    const live = await rows();
    await rebuildProjection(t.database, t.store, evidence);
    expect(await rows()).toEqual(live);
  });
});
