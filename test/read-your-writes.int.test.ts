import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';

describe('read-your-writes', () => {
  let t: TestApp;
  let cookie: string;
  /** The same admin signed in a second time: another session, which has written nothing. */
  let otherSession: string;
  beforeAll(async () => {
    // Projections only move when the test says so.
    t = await startTestApp({ runProjections: false, env: { MIN_POSITION_WAIT_MS: '3000' } });
    const admin = await t.organisation('Organisme lent');
    cookie = admin.cookie;
    otherSession = await t.login(admin.email, PASSWORD);
  });
  afterAll(() => t?.stop());

  it('holds a read until the projections have applied the position a command answered', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/training-actions',
      payload: { title: 'Lean management', category: 'training' },
      headers: { cookie },
    });
    const { position } = created.json() as { position: number };
    const query = '{ trainingActions { edges { node { title } } } }';

    const without = await graphql(t.app, otherSession, query);
    expect(JSON.stringify(without.data)).not.toContain('Lean management');

    const waiting = graphql(t.app, otherSession, query, {}, position);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await t.runner.catchUp();
    expect(JSON.stringify((await waiting).data)).toContain('Lean management');
  });

  it("holds a signed-in session's requests until its own last write is applied, without the header", async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/training-actions',
      payload: { title: 'Qualité de vie au travail', category: 'training' },
      headers: { cookie },
    });
    const query = '{ trainingActions { edges { node { title } } } }';
    // Another session is not held: it does not see the action yet.
    expect(JSON.stringify((await graphql(t.app, otherSession, query)).data)).not.toContain('Qualité de vie');

    let answered = false;
    const waiting = graphql(t.app, cookie, query).then((result) => {
      answered = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    await t.runner.catchUp();
    expect(JSON.stringify((await waiting).data)).toContain('Qualité de vie');
  });

  it('answers after the bound, saying the position was not reached, when projections are stuck', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/training-actions',
      payload: { title: 'Jamais projetée', category: 'training' },
      headers: { cookie },
    });
    const response = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: {
        cookie,
        'content-type': 'application/json',
        'x-min-position': String(created.json().position),
      },
      payload: { query: '{ me { id } }' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-min-position-reached']).toBe('false');
  });
});
