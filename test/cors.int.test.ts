import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';

const EVIL = 'https://evil.example';
const APP = 'https://app.example';

/** The three ways a browser reaches /graphql from another origin, cookies included. */
const crossOrigin = (t: TestApp, origin: string) => ({
  get: () =>
    t.app.inject({
      method: 'GET',
      url: '/graphql?query=%7B__typename%7D',
      headers: { origin, cookie: 'sid=whatever', accept: 'application/json' },
    }),
  post: () =>
    t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { origin, cookie: 'sid=whatever', 'content-type': 'application/json' },
      payload: { query: '{ __typename }' },
    }),
  preflight: () =>
    t.app.inject({
      method: 'OPTIONS',
      url: '/graphql',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    }),
});

describe('CORS on /graphql with the default settings (same origin only)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.stop());

  it('gives another origin no access-control-allow-origin on GET, POST or the preflight', async () => {
    const calls = crossOrigin(t, EVIL);
    for (const response of [await calls.get(), await calls.post(), await calls.preflight()]) {
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });
});

describe('CORS on /graphql with CORS_ORIGINS=https://app.example', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: APP } });
  });
  afterAll(() => t?.stop());

  it('allows that origin, with credentials, on GET, POST and the preflight', async () => {
    const calls = crossOrigin(t, APP);
    for (const response of [await calls.get(), await calls.post(), await calls.preflight()]) {
      expect(response.headers['access-control-allow-origin']).toBe(APP);
      expect(response.headers['access-control-allow-credentials']).toBe('true');
    }
    const preflight = await calls.preflight();
    expect(preflight.statusCode).toBeLessThan(300);
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
  });

  it('still refuses any other origin', async () => {
    const calls = crossOrigin(t, EVIL);
    for (const response of [await calls.get(), await calls.post(), await calls.preflight()]) {
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});
