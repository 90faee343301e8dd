import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startTestApp, type TestApp } from './support/app';
import { answer, openFeedbackLink } from './support/training-fixture';

const RESPONSES = `query ($id: ID!) {
  trainingAction(id: $id) { sessions { feedbackCount feedbackLinks { responseCount status } } }
}`;

describe('public feedback: a whole class answers one link at once', () => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp();
    ({ cookie } = await t.organisation('Formations Martin'));
  });
  afterAll(() => t?.stop());

  it('stores 100 concurrent answers to one link, with no error', async () => {
    const link = await openFeedbackLink(t, cookie);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, index) => answer(t, link.token, { rating: 1 + (index % 5) })),
    );
    expect(answers.map((response) => response.statusCode)).toEqual(answers.map(() => 201));

    const read = await graphql(t.app, cookie, RESPONSES, { id: link.actionId }, await t.lastPosition());
    expect(read.errors).toBeUndefined();
    const [session] = (read.data!.trainingAction as { sessions: { feedbackCount: number }[] }).sessions;
    expect(session).toMatchObject({
      feedbackCount: 100,
      feedbackLinks: [{ responseCount: 100, status: 'open' }],
    });
  });

  it('stores a retried answer once', async () => {
    const link = await openFeedbackLink(t, cookie);
    const submissionId = crypto.randomUUID();
    const first = await answer(t, link.token, { submissionId });
    const retries = await Promise.all([1, 2, 3].map(() => answer(t, link.token, { submissionId })));
    expect([first, ...retries].map((response) => response.statusCode)).toEqual([201, 201, 201, 201]);
    const read = await graphql(t.app, cookie, RESPONSES, { id: link.actionId }, await t.lastPosition());
    const [session] = (read.data!.trainingAction as { sessions: { feedbackCount: number }[] }).sessions;
    expect(session!.feedbackCount).toBe(1);
  });

  it('answers a retried answer like the first attempt even after the link closed, and stores it once', async () => {
    const link = await openFeedbackLink(t, cookie);
    const submissionId = crypto.randomUUID();
    expect((await answer(t, link.token, { submissionId })).statusCode).toBe(201);
    const close = await t.app.inject({
      method: 'POST',
      url: `/api/feedback-links/${link.linkId}/close`,
      headers: { cookie },
    });
    expect(close.statusCode).toBe(200);
    expect((await answer(t, link.token, { submissionId })).statusCode).toBe(201);
    expect((await answer(t, link.token)).statusCode).toBe(409);
    const read = await graphql(t.app, cookie, RESPONSES, { id: link.actionId }, await t.lastPosition());
    const [session] = (read.data!.trainingAction as { sessions: { feedbackCount: number }[] }).sessions;
    expect(session!.feedbackCount).toBe(1);
  });

  it('lets 60 learners behind one address open the form and answer', async () => {
    const link = await openFeedbackLink(t, cookie);
    for (let learner = 0; learner < 60; learner++) {
      const form = await t.app.inject({ method: 'GET', url: `/api/public/feedback/${link.token}` });
      expect(form.statusCode).toBe(200);
      expect((await answer(t, link.token)).statusCode).toBe(201);
    }
  });

  it('names the organisation when a closed link refuses an answer, even one it had just answered', async () => {
    const link = await openFeedbackLink(t, cookie);
    // The link was just read to take an answer: closing it must not leave a stale copy accepting more.
    expect((await answer(t, link.token)).statusCode).toBe(201);
    const close = await t.app.inject({
      method: 'POST',
      url: `/api/feedback-links/${link.linkId}/close`,
      headers: { cookie },
    });
    expect(close.statusCode).toBe(200);
    for (const response of [
      await t.app.inject({ method: 'GET', url: `/api/public/feedback/${link.token}` }),
      await answer(t, link.token),
    ]) {
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({
        code: 'feedback_link_closed',
        details: { organisationName: 'Formations Martin' },
      });
    }
  });
});

describe('public feedback rate limits: per link and per address', () => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp({
      env: { PUBLIC_LINK_RATE_LIMIT_PER_MINUTE: '4', PUBLIC_RATE_LIMIT_PER_MINUTE: '8' },
    });
    ({ cookie } = await t.organisation('Formations Limites'));
  });
  afterAll(() => t?.stop());

  it('refuses a link past its allowance with 429, a Retry-After and the seconds to wait, while another link still answers', async () => {
    const first = await openFeedbackLink(t, cookie, { title: 'Première' });
    const second = await openFeedbackLink(t, cookie, { title: 'Seconde' });
    for (let index = 0; index < 4; index++) expect((await answer(t, first.token)).statusCode).toBe(201);
    const refused = await answer(t, first.token);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({
      code: 'rate_limited',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    expect((await answer(t, second.token)).statusCode).toBe(201);
  });

  it('refuses an address past its allowance across links', async () => {
    const links = await Promise.all(
      ['A', 'B', 'C'].map((title) => openFeedbackLink(t, cookie, { title: `Adresse ${title}` })),
    );
    const statuses: number[] = [];
    for (const link of links)
      for (let index = 0; index < 3; index++) statuses.push((await answer(t, link.token)).statusCode);
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status === 201).length).toBeLessThanOrEqual(8);
  });
});
