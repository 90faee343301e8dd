import Fastify from 'fastify';
import { getIntrospectionQuery } from 'graphql';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphQLPlugin } from '../schema/yoga';
import { loadConfig } from '../services/config';
import type { Db } from '../services/db/database';
import { registerErrorHandler } from '../services/http/error-handler';
import { startTestApp, type TestApp } from './support/app';
import { startTcpProxy } from './support/tcp-proxy';

type GraphQLAnswer = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
};

const send = async (t: TestApp, query: string, options: { cookie?: string; remoteAddress?: string } = {}) => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...(options.cookie ? { cookie: options.cookie } : {}) },
    remoteAddress: options.remoteAddress,
    payload: { query },
  });
  return {
    statusCode: response.statusCode,
    headers: response.headers,
    body: response.json() as GraphQLAnswer,
  };
};

const firstCode = (answer: { body: GraphQLAnswer }) => answer.body.errors?.[0]?.extensions?.code;

/** `count` aliases of the same field: each asks for the same work once more. */
const aliased = (count: number, field: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('GraphQL hardening, default settings', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp();
    ({ cookie } = await t.organisation('Organisme introspecté'));
  });
  afterAll(() => t?.stop());

  it('refuses introspection to a signed-out caller, with a code', async () => {
    for (const query of [
      '{ __schema { queryType { name } } }',
      '{ __type(name: "Query") { name } }',
      getIntrospectionQuery(),
    ]) {
      const answer = await send(t, query);
      expect(firstCode(answer)).toBe('INTROSPECTION_DISABLED');
      expect(answer.body.data ?? undefined).toBeUndefined();
    }
    // Asking an object's type name is not introspection.
    expect((await send(t, '{ __typename }')).body.data).toEqual({ __typename: 'Query' });
  });

  it('answers the standard introspection query to a signed-in member (the web tooling needs it)', async () => {
    const answer = await send(t, getIntrospectionQuery(), { cookie });
    expect(answer.body.errors).toBeUndefined();
    const types = (answer.body.data!.__schema as { types: { name: string }[] }).types.map(
      (type) => type.name,
    );
    expect(types).toContain('TrainingAction');
    // The same document, signed out again, gets no cached verdict meant for a member.
    expect(firstCode(await send(t, getIntrospectionQuery()))).toBe('INTROSPECTION_DISABLED');
  });

  it('refuses a document past the token limit while parsing, before anything runs', async () => {
    const answer = await send(t, aliased(1100, '__typename'), { cookie });
    expect(firstCode(answer)).toBe('QUERY_TOO_LARGE');
    expect(answer.body.data ?? undefined).toBeUndefined();
  });

  it('refuses a request body larger than the GraphQL body limit', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: { query: '{ __typename }', variables: { padding: 'x'.repeat(40 * 1024) } },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('payload_too_large');
  });
});

describe('GraphQL hardening, token limit lifted', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { GRAPHQL_MAX_TOKENS: '1000000', GRAPHQL_BODY_LIMIT_BYTES: '1048576' } });
    ({ cookie } = await t.organisation('Organisme aux mille alias'));
  });
  afterAll(() => t?.stop());

  it('refuses 1,100 aliases of introspection before execution, even to a member', async () => {
    const answer = await send(t, aliased(1100, '__schema { types { name fields { name } } }'), { cookie });
    expect(firstCode(answer)).toBe('QUERY_TOO_COMPLEX');
    expect(answer.body.data ?? undefined).toBeUndefined();
  });

  it('refuses 1,100 aliases of a schema field before execution', async () => {
    const answer = await send(t, aliased(1100, 'me { id }'), { cookie });
    expect(firstCode(answer)).toBe('QUERY_TOO_COMPLEX');
    expect(answer.body.data ?? undefined).toBeUndefined();
  });

  it('counts fragments as often as they are spread, however deeply they nest', async () => {
    const fragments = Array.from(
      { length: 6 },
      (_, level) =>
        `fragment F${level + 1} on Query { ${Array.from({ length: 10 }, () => `...F${level}`).join(' ')} }`,
    );
    const query = `{ ...F6 } fragment F0 on Query { __typename } ${fragments.join(' ')}`;
    const answer = await send(t, query, { cookie });
    expect(firstCode(answer)).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('GraphQL hardening, introspection off and a low rate limit', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { GRAPHQL_INTROSPECTION: 'off', GRAPHQL_RATE_LIMIT_PER_MINUTE: '3' } });
    ({ cookie } = await t.organisation('Organisme limité'));
  });
  afterAll(() => t?.stop());

  it('refuses introspection to members too when it is off', async () => {
    const answer = await send(t, '{ __schema { queryType { name } } }', {
      cookie,
      remoteAddress: '192.0.2.1',
    });
    expect(firstCode(answer)).toBe('INTROSPECTION_DISABLED');
  });

  it('answers 429 rate_limited with Retry-After past the allowance of an address', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await send(t, '{ __typename }', { remoteAddress: '192.0.2.7' }));
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 429, 429]);
    const refused = answers[3]!;
    expect((refused.body as unknown as { code: string }).code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address has its own allowance.
    expect((await send(t, '{ __typename }', { remoteAddress: '192.0.2.8' })).statusCode).toBe(200);
  });

  it('counts a signed-in member apart from the address they share', async () => {
    const address = '192.0.2.9';
    for (let i = 0; i < 3; i++) await send(t, '{ __typename }', { remoteAddress: address });
    expect((await send(t, '{ __typename }', { remoteAddress: address })).statusCode).toBe(429);
    const member = await send(t, '{ me { id } }', { cookie, remoteAddress: address });
    expect(member.statusCode).toBe(200);
    expect(member.body.data?.me).toMatchObject({ id: expect.any(String) });
  });
});

describe('GraphQL read while the database is unreachable', () => {
  it('answers 503 with Retry-After and the DATABASE_UNAVAILABLE code, not a masked error', async () => {
    // A proxy that refuses every connection stands for a server that went away.
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 1 });
    proxy.cut();
    const pool = new pg.Pool({ host: '127.0.0.1', port: proxy.port, user: 'nobody', max: 2 });
    pool.on('error', () => {});
    const db: Db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    const app = Fastify({ logger: false });
    registerErrorHandler(app);
    // A member whose session was read before the database went away.
    app.addHook('onRequest', async (request) => {
      request.viewer = {
        userId: crypto.randomUUID(),
        organisationId: crypto.randomUUID(),
        email: 'qualite@example.fr',
        displayName: 'Qualité',
        role: 'quality_manager',
      };
    });
    await app.register(graphQLPlugin, {
      db,
      clock: { now: () => new Date() },
      config: loadConfig({}),
      campaignLinkKey: Buffer.alloc(32),
      complaintPageKey: Buffer.alloc(32),
    });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json' },
        payload: { query: '{ dashboard { trainingActionCount } }' },
      });
      expect(response.statusCode).toBe(503);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      const body = response.json() as GraphQLAnswer;
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'DATABASE_UNAVAILABLE',
        retryAfterSeconds: expect.any(Number),
      });
      expect(JSON.stringify(body)).not.toContain('"http"');
    } finally {
      await app.close();
      await db.destroy();
      await proxy.close();
    }
  });
});
