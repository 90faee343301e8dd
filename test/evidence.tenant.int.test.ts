import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

describe('evidence filters and summaries: a user of organisation A never counts organisation B’s evidence', () => {
  const fixture = twoTenants();

  it('lists only its own sites, and filters, summaries and indicator counts hold only its own items', async () => {
    const { a, b, read, post } = fixture;
    const { actionId, sessionId } = b.data;
    const moved = await post(b.cookie, `/api/training-actions/${actionId}/sessions/${sessionId}/move`, {
      site: 'Marseille',
      reason: 'Nouveau centre',
    });
    expect(moved.statusCode, moved.body).toBe(200);

    const sites = await read(a.cookie, '{ evidenceSites }');
    expect(sites.data?.evidenceSites).toEqual(['Lyon']);
    expect((await read(b.cookie, '{ evidenceSites }')).data?.evidenceSites).toEqual(['Marseille']);

    const timeline = `query ($site: String) {
      evidenceTimeline(indicator: 30, site: $site, first: 10) { totalCount edges { node { site } } }
    }`;
    const foreignSite = await read(a.cookie, timeline, { site: 'Marseille' });
    expect(foreignSite.data?.evidenceTimeline).toEqual({ totalCount: 0, edges: [] });
    const ownSite = await read(a.cookie, timeline, { site: 'Lyon' });
    expect(ownSite.data?.evidenceTimeline).toMatchObject({ totalCount: 2 });

    const summary =
      'query ($site: String) { evidenceSummary(site: $site, category: training) { indicator count } }';
    expect((await read(a.cookie, summary, { site: 'Marseille' })).data?.evidenceSummary).toEqual([]);
    expect((await read(a.cookie, summary, { site: 'Lyon' })).data?.evidenceSummary).toEqual([
      { indicator: 30, count: 2 },
    ]);

    const indicator = '{ indicatorEvidence(indicator: 30) { count bySource { sourceType items sources } } }';
    expect((await read(a.cookie, indicator)).data?.indicatorEvidence).toEqual({
      count: 2,
      bySource: [{ sourceType: 'session', items: 2, sources: 1 }],
    });
  });
});
