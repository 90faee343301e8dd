import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { answer, openFeedbackLink } from './support/training-fixture';

const UNSTORABLE = {
  nul: 'Excel\u0000avancé',
  loneHighSurrogate: 'Excel \uD83D avancé',
  loneLowSurrogate: '\uDE00 Excel',
};

describe('texts PostgreSQL cannot store are refused with 400 invalid_characters, never a 500', () => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp();
    ({ cookie } = await t.organisation('Formations Texte'));
  });
  afterAll(() => t?.stop());

  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie } });

  it.each(Object.entries(UNSTORABLE))('in a training action title (%s)', async (_name, value) => {
    const before = await t.lastPosition();
    const response = await post('/api/training-actions', { title: value, category: 'training' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'invalid_characters',
      details: { issues: [{ path: 'title', code: 'invalid_characters' }] },
    });
    expect(await t.lastPosition()).toBe(before);
  });

  it('in a session title and site', async () => {
    const action = await post('/api/training-actions', { title: 'Excel', category: 'training' });
    const response = await post(`/api/training-actions/${action.json().id}/sessions`, {
      title: UNSTORABLE.nul,
      startsOn: '2026-03-02',
      endsOn: '2026-03-03',
      site: UNSTORABLE.loneHighSurrogate,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_characters');
    expect(
      response
        .json()
        .details.issues.map((issue: { path: string }) => issue.path)
        .sort(),
    ).toEqual(['site', 'title']);
  });

  it('in a public answer’s comment', async () => {
    const link = await openFeedbackLink(t, cookie);
    for (const value of Object.values(UNSTORABLE)) {
      const response = await answer(t, link.token, { comment: value });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('invalid_characters');
    }
  });

  it('in the setup form', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: {
        token: 'x'.repeat(43),
        organisationName: UNSTORABLE.nul,
        name: 'Admin',
        email: 'admin@example.fr',
        password: 'a long enough password',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_characters');
  });

  it('keeps a well-formed emoji pair and accented text', async () => {
    const response = await post('/api/training-actions', {
      title: 'Éloquence 🎤 — « prise de parole »',
      category: 'training',
    });
    expect(response.statusCode).toBe(201);
  });
});
