import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrganisationWithAdmin } from '../../services/access/accounts';
import { type AppContext, buildApp } from '../../services/app';
import { loadConfig } from '../../services/config';
import { execute } from '../../services/db/database';
import type { Clock } from '../../services/kernel/clock';
import { createTestDatabase, primaryKind, type TestDatabase } from './databases';

export interface TestApp extends AppContext {
  testDb: TestDatabase;
  /** The global position of the newest event, committed or not yet readable. */
  lastPosition(): Promise<number>;
  /** Creates an organisation and its admin, signs in, answers the session cookie. */
  organisation(
    name: string,
  ): Promise<{ cookie: string; organisationId: string; userId: string; email: string }>;
  login(email: string, password: string): Promise<string>;
  stop(): Promise<void>;
}

export const PASSWORD = 'a long enough password';
/** The key-encryption key of test databases (PostgreSQL refuses to start without one). */
export const TEST_PERSONAL_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

/** The whole application on a fresh database (the server when DATABASE_URL is set, else PGlite). */
export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  runProjections?: boolean;
  /** Whether the live binder runner writes requested binders (default: as runProjections); else drive `drain()`. */
  runBinderRunner?: boolean;
  /** Fastify logger options (default: no logging). */
  logger?: object;
}

export const startTestApp = async (options: TestAppOptions = {}): Promise<TestApp> => {
  const testDb = await createTestDatabase(primaryKind());
  // Files the app writes (binder archives) go to a directory of this app's own, removed when it stops.
  const dataDir = await mkdtemp(join(tmpdir(), 'qualiopi-test-'));
  // Reads wait for the projections generously: on a loaded machine the 2 s default bound can pass first. Load
  // shedding is off unless a test turns a signal on (test/load-shedding.int.test.ts): a CPU hog beside the suite
  // would otherwise trip it in tests that are about something else.
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    PERSONAL_DATA_KEY: TEST_PERSONAL_DATA_KEY,
    MIN_POSITION_WAIT_MS: '30000',
    SHED_EVENT_LOOP_DELAY_MS: '0',
    SHED_HEAP_USED_MB: '0',
    SHED_POOL_WAITING: '0',
    DATA_DIR: dataDir,
    ...options.env,
  });
  const context = await buildApp({
    config,
    database: testDb.database,
    clock: options.clock,
    logger: options.logger ?? false,
    runProjections: options.runProjections,
    runBinderRunner: options.runBinderRunner,
  });
  await context.app.ready();

  const login = async (email: string, password: string) => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
    });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
    const cookie = response.cookies.find((candidate) => candidate.name === 'sid');
    return `sid=${cookie!.value}`;
  };

  let counter = 0;
  return {
    ...context,
    testDb,
    login,
    async lastPosition() {
      const rows = await execute<{ position: number | null }>(
        context.database.db,
        'SELECT max(position) AS position FROM es_events',
      );
      return Number(rows[0]?.position ?? 0);
    },
    async organisation(name) {
      const email = `admin${++counter}.${Date.now()}@example.fr`;
      const created = await createOrganisationWithAdmin(
        { db: context.database.db, store: context.store, clock: options.clock ?? { now: () => new Date() } },
        { organisationName: name, name: `Admin ${name}`, email, password: PASSWORD },
      );
      if (options.runProjections === false) await context.runner.catchUp();
      await context.runner.waitForPosition(created.position, 5000);
      return {
        cookie: await login(email, PASSWORD),
        organisationId: created.organisationId,
        userId: created.userId,
        email,
      };
    },
    async stop() {
      await context.close();
      await testDb.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

/** GraphQL over HTTP as the browser sends it. */
export const graphql = async (
  app: AppContext['app'],
  cookie: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
  minPosition?: number,
) => {
  const response = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: {
      'content-type': 'application/json',
      ...(cookie ? { cookie } : {}),
      ...(minPosition ? { 'x-min-position': String(minPosition) } : {}),
    },
    payload: { query, variables },
  });
  return response.json() as {
    data?: Record<string, unknown>;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
};
