import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../services/kernel/clock';
import { graphql, startTestApp, type TestApp } from './support/app';
import { answer, openFeedbackLink } from './support/training-fixture';

const TIMELINE = `query ($first: Int, $after: String, $last: Int, $before: String, $newestFirst: Boolean) {
  evidenceTimeline(indicator: 30, first: $first, after: $after, last: $last, before: $before, newestFirst: $newestFirst) {
    totalCount
    edges { cursor node { title summary occurredAt } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

type Page = {
  totalCount: number;
  edges: { cursor: string; node: { title: string; summary: string | null } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
};

describe('GraphQL lists: keyset pages in both directions, cursors checked', () => {
  const clock = fixedClock(new Date('2026-03-04T16:00:00Z'));
  let t: TestApp;
  let cookie: string;

  const timeline = async (variables: Record<string, unknown>) => {
    const result = await graphql(t.app, cookie, TIMELINE, variables, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data!.evidenceTimeline as Page;
  };
  const summaries = (page: Page) => page.edges.map((edge) => edge.node.summary);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    ({ cookie } = await t.organisation('Formations Pages'));
    const link = await openFeedbackLink(t, cookie, { sessionTitle: 'Session de mars' });
    for (const comment of ['un', 'deux', 'trois', 'quatre']) {
      clock.advance(60_000);
      expect((await answer(t, link.token, { comment })).statusCode).toBe(201);
    }
  });
  afterAll(() => t?.stop());

  it('names the session in the evidence of an answer', async () => {
    const page = await timeline({ first: 10 });
    expect(page.edges.find((edge) => edge.node.summary === 'un')?.node.title).toContain('Session de mars');
  });

  it('answers newest first when asked, and pages on from there', async () => {
    const first = await timeline({ first: 2, newestFirst: true });
    expect(summaries(first)).toEqual(['quatre', 'trois']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = await timeline({ first: 2, after: first.pageInfo.endCursor, newestFirst: true });
    expect(summaries(next)).toEqual(['deux', 'un']);
    const last = await timeline({ first: 2, after: next.pageInfo.endCursor, newestFirst: true });
    expect(last.edges.map((edge) => edge.node.title)).toEqual([
      expect.stringMatching(/^Recueil des appréciations ouvert/),
    ]);
    expect(last.pageInfo.hasNextPage).toBe(false);
  });

  it('answers oldest first by default', async () => {
    const page = await timeline({ first: 3 });
    expect(page.edges[0]?.node.title).toMatch(/^Recueil des appréciations ouvert/);
    expect(summaries(page).slice(1)).toEqual(['un', 'deux']);
  });

  it('pages backward with last and before, in list order', async () => {
    const end = await timeline({ last: 2 });
    expect(summaries(end)).toEqual(['trois', 'quatre']);
    expect(end.pageInfo.hasPreviousPage).toBe(true);
    const before = await timeline({ last: 2, before: end.pageInfo.startCursor });
    expect(summaries(before)).toEqual(['un', 'deux']);
  });

  it('refuses a forged cursor as bad input, not as an internal error', async () => {
    for (const after of [
      'not base64 json',
      Buffer.from('["not a date","x"]').toString('base64url'),
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('["2026-03-04T16:00:00.000Z","not-a-uuid"]').toString('base64url'),
    ]) {
      for (const query of [
        TIMELINE,
        'query ($after: String) { trainingActions(after: $after) { edges { cursor } } }',
      ]) {
        const result = await graphql(t.app, cookie, query, { after, first: 2 });
        expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
    }
  });

  it('counts the same items from the counters (all time) as from the rows (a period)', async () => {
    const allTime = await timeline({ first: 1 });
    const period = await graphql(
      t.app,
      cookie,
      '{ evidenceTimeline(indicator: 30, first: 1, from: "2026-01-01", to: "2026-12-31") { totalCount } evidenceSummary { indicator count } }',
    );
    expect(allTime.totalCount).toBe(5);
    expect((period.data!.evidenceTimeline as { totalCount: number }).totalCount).toBe(5);
    expect(period.data!.evidenceSummary).toEqual([{ indicator: 30, count: 5 }]);
  });

  it('refuses first and last together', async () => {
    const result = await graphql(t.app, cookie, TIMELINE, { first: 1, last: 1 });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
