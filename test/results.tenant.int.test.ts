import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

const RESULTS = `query ($filter: ResultsFilter) {
  results(filter: $filter) {
    answerCount satisfaction { questions { questionId answerCount } }
    comments { edges { node { answerId text } } }
  }
}`;

describe('results: a user of organisation A never reaches organisation B’s results', () => {
  const fixture = twoTenants();

  const commentsOf = async (cookie: string, filter: Record<string, unknown> = {}) => {
    const response = await fixture.read(cookie, RESULTS, { filter });
    expect(response.errors).toBeUndefined();
    return response.data!.results as {
      answerCount: number;
      comments: { edges: { node: { answerId: string; text: string } }[] };
    };
  };

  it('reads only its own answers and comments; filtering on B’s ids reads like unknown ids', async () => {
    const { a, b } = fixture;
    const mine = await commentsOf(a.cookie);
    expect(mine.answerCount).toBe(1);
    const texts = mine.comments.edges.map((edge) => edge.node.text);
    expect(texts).toEqual([a.secret]);
    const foreign = await commentsOf(a.cookie, { sessionId: b.data.sessionId });
    const unknown = await commentsOf(a.cookie, { sessionId: crypto.randomUUID() });
    expect(foreign).toEqual(unknown);
    expect(foreign.answerCount).toBe(0);
  });

  it('cannot review or follow up B’s answer: 404 like a missing one, and nothing is written', async () => {
    const { a, b, post, t } = fixture;
    const theirs = (await commentsOf(b.cookie)).comments.edges[0]!.node.answerId;
    const before = await t.lastPosition();
    const foreign = await post(a.cookie, `/api/results/answers/${theirs}/review`);
    const missing = await post(a.cookie, `/api/results/answers/${crypto.randomUUID()}/review`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    const followUp = await post(a.cookie, `/api/results/answers/${theirs}/follow-ups`, {
      kind: 'incident',
      title: 'Pas chez nous',
    });
    expect(followUp.statusCode).toBe(404);
    expect(await t.lastPosition()).toBe(before);
  });

  it('exports only its own answers', async () => {
    const { a, b, t } = fixture;
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/results/export?format=csv',
      headers: { cookie: a.cookie, 'x-min-position': String(await t.lastPosition()) },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(a.secret);
    expect(response.body).not.toContain(b.secret);
  });

  it('lets an auditor read results and comments but change nothing, and strangers nothing', async () => {
    const { a, post, read, t } = fixture;
    const auditor = await fixture.auditorOf(a.organisationId);
    const reading = await commentsOf(auditor);
    expect(reading.comments.edges.map((edge) => edge.node.text)).toEqual([a.secret]);
    const answerId = reading.comments.edges[0]!.node.answerId;
    expect((await post(auditor, `/api/results/answers/${answerId}/review`)).statusCode).toBe(403);
    const threshold = await t.app.inject({
      method: 'POST',
      url: '/api/results/threshold',
      payload: { ratingAtMost: 3, npsAtMost: 6 },
      headers: { cookie: auditor },
    });
    expect(threshold.statusCode).toBe(403);
    const anonymous = await read(undefined, '{ results { answerCount } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const exported = await t.app.inject({ method: 'GET', url: '/api/results/export?format=csv' });
    expect(exported.statusCode).toBe(401);
  });
});
