import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { allProjections } from '../projections/index';
import { findOrganisation } from '../projections/organisations/queries';
import { createProjectionRunner, type ProjectionRunner } from '../projections/runner/runner';
import { projectionCheckpointsMigration } from '../projections/runner/schema';
import { findSession } from '../projections/training/queries';
import { registerGraphQL } from '../schema/yoga';
import { hasAnyAccount, issueSetupToken, viewerForSession } from './access/accounts';
import { accessRoutes, SESSION_COOKIE } from './access/routes';
import { accessMigration } from './access/schema';
import type { Config } from './config';
import { type Database, openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { createPostgresEventStore, type PostgresEventStore } from './eventstore/postgres';
import { eventStoreMigration } from './eventstore/schema';
import { feedbackRoutes } from './feedback/routes';
import { registerErrorHandler } from './http/error-handler';
import { type Clock, systemClock } from './kernel/clock';
import { webDistDir } from './paths';
import { trainingRoutes } from './training/routes';

export const migrations = [eventStoreMigration, projectionCheckpointsMigration, accessMigration];

export interface AppContext {
  app: FastifyInstance;
  database: Database;
  store: PostgresEventStore;
  runner: ProjectionRunner;
  /** The one-time setup URL path, when no account exists yet. */
  setupPath?: string;
  close(): Promise<void>;
}

export interface BuildOptions {
  config: Config;
  /** An already opened database (tests); otherwise opened from the configuration. */
  database?: Database;
  clock?: Clock;
  logger?: boolean | object;
  /** Start following the log live (default true); tests may drive projections with runner.catchUp(). */
  runProjections?: boolean;
}

const webDist = webDistDir;

/** The composition root: the only module that wires slices, read models, GraphQL and the web build together. */
export const buildApp = async (options: BuildOptions): Promise<AppContext> => {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: join(config.DATA_DIR, 'pglite'),
      poolSize: config.DATABASE_POOL_SIZE,
    }));
  const { db } = database;
  await migrate(db, migrations);
  const store = createPostgresEventStore(database);
  const runner = createProjectionRunner({ database, store, projections: allProjections });
  await runner.prepare();

  const app = Fastify({
    logger: options.logger ?? {
      level: config.LOG_LEVEL,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 256 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // Only behind HTTPS: on plain HTTP (a LAN, docker compose) it would break every asset.
        upgradeInsecureRequests: config.COOKIE_SECURE ? [] : null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Qualiopi evidence — commands',
        description: 'Commands are REST; reads are GraphQL at /graphql.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  const accessDeps = { db, store, clock };
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.viewer = await viewerForSession(accessDeps, token);
    // Members-only commands answer 401 before anything else looks at the request.
    if (!request.viewer && /^\/api\/(?!public\/|setup$|auth\/)/.test(request.url.split('?')[0] ?? '')) {
      return reply.code(401).send({ code: 'unauthenticated', message: 'Authentication required' });
    }
  });

  // Read-your-writes: a request may ask to see at least the event at a global position it was given.
  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers['x-min-position'];
    if (header === undefined) return;
    const position = Number(header);
    if (!Number.isSafeInteger(position) || position < 0) {
      return reply
        .code(400)
        .send({ code: 'invalid_min_position', message: 'X-Min-Position must be a position' });
    }
    const reached = position === 0 || (await runner.waitForPosition(position, config.MIN_POSITION_WAIT_MS));
    reply.header('x-min-position-reached', String(reached));
  });

  const waitForPosition = (position: number) => runner.waitForPosition(position, config.MIN_POSITION_WAIT_MS);

  await app.register(
    accessRoutes({
      ...accessDeps,
      sessionTtlHours: config.SESSION_TTL_HOURS,
      secureCookies: config.COOKIE_SECURE,
      waitForPosition,
    }),
  );
  await app.register(trainingRoutes({ store, clock }));
  await app.register(
    feedbackRoutes({
      store,
      clock,
      linkTtlDays: config.FEEDBACK_LINK_TTL_DAYS,
      publicRateLimitPerMinute: config.PUBLIC_RATE_LIMIT_PER_MINUTE,
      async findSession(organisationId, sessionId) {
        const session = await findSession(db, organisationId, sessionId);
        if (!session) return undefined;
        const organisation = await findOrganisation(db, organisationId);
        return {
          sessionId: session.id,
          trainingActionId: session.training_action_id,
          organisationName: organisation?.name ?? '',
          trainingTitle: session.training_title,
          sessionTitle: session.title,
          startsOn: session.starts_on,
          endsOn: session.ends_on,
          site: session.site,
        };
      },
    }),
  );
  registerGraphQL(app, { db, clock });

  app.get('/health', { schema: { hide: true } }, async (_request, reply) => {
    const projections = await runner.status();
    const healthy = projections.every((projection) => projection.lastError === null);
    return reply.code(healthy ? 200 : 503).send({
      status: healthy ? 'ok' : 'degraded',
      database: database.kind,
      projections,
    });
  });

  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: true });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (request.method !== 'GET' || /^\/(api|graphql|health|docs)(\/|$)/.test(path) || !existsSync(webDist)) {
      return reply.code(404).send({ code: 'route_not_found', message: `No route ${request.method} ${path}` });
    }
    // The single-page app answers every other page address.
    return reply.type('text/html').sendFile('index.html');
  });

  let setupPath: string | undefined;
  if (!(await hasAnyAccount(db))) setupPath = `/setup?token=${await issueSetupToken(db)}`;

  if (options.runProjections !== false) runner.start();

  return {
    app,
    database,
    store,
    runner,
    setupPath,
    async close() {
      await app.close();
      await runner.stop();
      await store.close();
      if (!options.database) await database.close();
    },
  };
};
