import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisationWithAdmin } from '../services/access/accounts';
import { type AppContext, buildApp } from '../services/app';
import { loadConfig } from '../services/config';
import { type Database, execute, openDatabase } from '../services/db/database';
import { feedbackResponseStream } from '../services/feedback/events';
import { derivedId } from '../services/kernel/ids';
import { PASSWORD, TEST_PERSONAL_DATA_KEY } from './support/app';
import { createTestDatabase, primaryKind, type TestDatabase } from './support/databases';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

// PGlite runs inside the process: there is no connection to cut.
const onServer = primaryKind() === 'postgres';

type Answer = { statusCode: number; retryAfter?: string; code?: string };

/** What the web reads from an answer: the REST `code`, or the first GraphQL error's code in lower case. */
const codeOf = (body: unknown): string | undefined => {
  const { code, errors } = (body ?? {}) as { code?: string; errors?: { extensions?: { code?: string } }[] };
  return code ?? errors?.[0]?.extensions?.code?.toLowerCase();
};

describe.skipIf(!onServer)(
  'PostgreSQL out of reach, through a TCP proxy that cuts the connections (needs DATABASE_URL: PGlite has none to cut)',
  () => {
    let testDb: TestDatabase;
    let proxy: TcpProxy;
    let database: Database;
    let context: AppContext;
    let cookie: string;
    let token: string;
    let linkId: string;

    const app = () => context.app;
    const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
      app().inject({ method: 'POST', url, payload, headers: { cookie, ...headers } });
    const answer = async (submissionId: string): Promise<Answer> => {
      const response = await app().inject({
        method: 'POST',
        url: `/api/public/feedback/${token}`,
        payload: { submissionId, rating: 4, comment: 'Bien' },
      });
      return {
        statusCode: response.statusCode,
        retryAfter: response.headers['retry-after'] as string | undefined,
        code: codeOf(response.json()),
      };
    };
    const readSessions = () =>
      app().inject({
        method: 'POST',
        url: '/graphql',
        headers: { cookie, 'content-type': 'application/json' },
        payload: {
          query: '{ trainingActions(first: 10) { edges { node { sessions { feedbackCount } } } } }',
        },
      });

    beforeAll(async () => {
      testDb = await createTestDatabase('postgres');
      const url = new URL(testDb.url!);
      proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
      url.hostname = '127.0.0.1';
      url.port = String(proxy.port);
      database = await openDatabase({ databaseUrl: url.toString(), poolSize: 20, connectionTimeoutMs: 2000 });
      context = await buildApp({
        config: loadConfig({ LOG_LEVEL: 'silent', PERSONAL_DATA_KEY: TEST_PERSONAL_DATA_KEY }),
        database,
        logger: false,
      });
      await context.app.ready();
      const email = 'direction@outage.example.fr';
      const created = await createOrganisationWithAdmin(
        { db: database.db, store: context.store, clock: { now: () => new Date() } },
        { organisationName: 'Organisme coupé', name: 'Direction', email, password: PASSWORD },
      );
      await context.runner.waitForPosition(created.position, 10_000);
      const login = await app().inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: PASSWORD },
      });
      cookie = `sid=${login.cookies.find((candidate) => candidate.name === 'sid')!.value}`;
      const action = await post('/api/training-actions', {
        title: 'Sécurité incendie',
        category: 'training',
      });
      const session = await post(`/api/training-actions/${action.json().id}/sessions`, {
        title: 'Session d’avril',
        startsOn: '2026-04-01',
        endsOn: '2026-04-02',
        site: 'Nantes',
      });
      const link = await post(
        `/api/sessions/${session.json().id}/feedback-links`,
        { audience: 'learner' },
        { 'x-min-position': String(session.json().position) },
      );
      expect(link.statusCode).toBe(201);
      ({ token, id: linkId } = link.json() as { token: string; id: string });
    });

    afterAll(async () => {
      await context?.close();
      await database?.close();
      await proxy?.close();
      await testDb?.drop();
    });

    it('answers 503 database_unavailable with Retry-After while cut, recovers after, and stores every answer once', async () => {
      const submissions: string[] = [];
      const acknowledged = new Set<string>();
      const seen: Answer[] = [];
      const submit = async (submissionId: string = crypto.randomUUID()) => {
        if (!submissions.includes(submissionId)) submissions.push(submissionId);
        const result = await answer(submissionId);
        seen.push(result);
        if (result.statusCode === 201) acknowledged.add(submissionId);
        return result;
      };

      for (let i = 0; i < 5; i++) expect((await submit()).statusCode).toBe(201);

      // Answers keep arriving while the connection is cut under them.
      let flowing = true;
      const background = (async () => {
        while (flowing) {
          await submit();
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 100));
      proxy.cut();

      const refused = await submit();
      expect(refused).toMatchObject({ statusCode: 503, code: 'database_unavailable' });
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);

      const form = await app().inject({ method: 'GET', url: `/api/public/feedback/${token}` });
      expect(form.statusCode).toBe(503);
      expect(form.headers['retry-after']).toBeDefined();
      expect(form.json().code).toBe('database_unavailable');

      const read = await readSessions();
      expect(read.statusCode).toBe(503);
      expect(read.headers['retry-after']).toBeDefined();
      expect(codeOf(read.json())).toBe('database_unavailable');

      const health = await app().inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'unavailable', reason: 'database_unreachable' });

      flowing = false;
      await background;
      proxy.restore();

      // Health recovers by itself, before anything new is written: the projections' errors clear on their own.
      await expect
        .poll(async () => (await app().inject({ method: 'GET', url: '/health' })).statusCode, {
          timeout: 30_000,
          interval: 200,
        })
        .toBe(200);

      // Back: the respondents' pages retry what was refused, with the same submission ids.
      await expect
        .poll(async () => (await answer(crypto.randomUUID())).statusCode, { timeout: 30_000, interval: 200 })
        .toBe(201);
      for (const submissionId of submissions) {
        if (!acknowledged.has(submissionId)) expect((await submit(submissionId)).statusCode).toBe(201);
      }
      for (let i = 0; i < 5; i++) expect((await submit()).statusCode).toBe(201);

      // Nothing but acknowledgements and 503s: no request failed as an internal error.
      expect(seen.filter((result) => result.statusCode !== 201 && result.statusCode !== 503)).toEqual([]);
      for (const result of seen.filter((candidate) => candidate.statusCode === 503)) {
        expect(result.code).toBe('database_unavailable');
        expect(result.retryAfter).toBeDefined();
      }

      const stored = await execute<{ stream_id: string; count: number }>(
        testDb.database.db,
        `SELECT stream_id, count(*)::int AS count FROM es_events WHERE type = 'FeedbackSubmitted' GROUP BY stream_id`,
      );
      const perStream = new Map(stored.map((row) => [row.stream_id, row.count]));
      for (const submissionId of acknowledged) {
        expect(perStream.get(feedbackResponseStream(derivedId(linkId, submissionId)))).toBe(1);
      }
      // The probe answers sent while waiting for the way back are stored too, once each.
      expect([...perStream.values()].every((count) => count === 1)).toBe(true);

      // The read side follows again: health is green and GraphQL counts every stored answer.
      await expect
        .poll(async () => (await app().inject({ method: 'GET', url: '/health' })).statusCode, {
          timeout: 30_000,
          interval: 200,
        })
        .toBe(200);
      await expect
        .poll(
          async () => {
            const body = (await readSessions()).json() as {
              data?: { trainingActions: { edges: { node: { sessions: { feedbackCount: number }[] } }[] } };
            };
            return body.data?.trainingActions.edges[0]?.node.sessions[0]?.feedbackCount;
          },
          { timeout: 30_000, interval: 200 },
        )
        .toBe(stored.length);

      // Other processes' appends wake this one again: its LISTEN connection came back.
      await expect
        .poll(
          async () =>
            (
              await execute<{ count: number }>(
                testDb.database.db,
                `SELECT count(*)::int AS count FROM pg_stat_activity
                WHERE datname = current_database() AND query = 'LISTEN es_events'`,
              )
            )[0]?.count,
          { timeout: 30_000, interval: 200 },
        )
        .toBe(1);
    });
  },
);
