import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { createYoga, maskError } from 'graphql-yoga';
import type { Config } from '../services/config';
import { isDatabaseUnavailable, isPoolExhausted } from '../services/db/availability';
import type { Db } from '../services/db/database';
import { DATABASE_RETRY_AFTER_SECONDS } from '../services/http/error-handler';
import { OVERLOAD_RETRY_AFTER_SECONDS } from '../services/http/load-shedding';
import type { Clock } from '../services/kernel/clock';
import { graphQLGuards } from './guards';
import { schema } from './index';

const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'INTROSPECTION_DISABLED',
  'QUERY_TOO_COMPLEX',
  'QUERY_TOO_LARGE',
]);

/** The causes of an error, outermost first: GraphQL wraps a resolver's error in `originalError`. */
function* causesOf(error: unknown) {
  for (let cause = error; cause && typeof cause === 'object'; ) {
    yield cause;
    const next = (cause as { originalError?: unknown }).originalError ?? (cause as { cause?: unknown }).cause;
    if (next === cause) return;
    cause = next;
  }
}

/** A read that failed only because the database is away or busy: 503 and Retry-After, as on the REST side. */
const unavailable = (
  code: 'DATABASE_UNAVAILABLE' | 'OVERLOADED',
  message: string,
  retryAfterSeconds: number,
) =>
  new GraphQLError(message, {
    extensions: {
      code,
      retryAfterSeconds,
      // Read by yoga for the HTTP answer, never sent in the body.
      http: { status: 503, headers: { 'retry-after': String(retryAfterSeconds) } },
    },
  });

/** Errors we raise on purpose (by their code) reach the client; anything else is masked and only logged. */
const maskUnexpected = (error: unknown, message: string, isDev?: boolean) => {
  for (const cause of causesOf(error)) {
    const code = (cause as { extensions?: { code?: unknown } }).extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) return error as Error;
  }
  const causes = [...causesOf(error)];
  if (causes.some(isDatabaseUnavailable)) {
    return unavailable(
      'DATABASE_UNAVAILABLE',
      'The service is briefly unavailable; try again in a moment',
      DATABASE_RETRY_AFTER_SECONDS,
    );
  }
  if (causes.some(isPoolExhausted)) {
    return unavailable(
      'OVERLOADED',
      'The service is busy; try again in a moment',
      OVERLOAD_RETRY_AFTER_SECONDS,
    );
  }
  return maskError(error, message, isDev);
};

export interface GraphQLPluginDeps {
  db: Db;
  clock: Clock;
  campaignLinkKey: Buffer;
  complaintPageKey: Buffer;
  config: Pick<
    Config,
    | 'GRAPHQL_INTROSPECTION'
    | 'GRAPHQL_MAX_TOKENS'
    | 'GRAPHQL_BODY_LIMIT_BYTES'
    | 'GRAPHQL_RATE_LIMIT_PER_MINUTE'
  >;
}

/** GraphQL reads at /graphql, over the read models only, scoped to the session's organisation. */
export const graphQLPlugin = async (app: FastifyInstance, deps: GraphQLPluginDeps) => {
  const { config } = deps;
  const yoga = createYoga<{ req: FastifyRequest; reply: FastifyReply }>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: false,
    landingPage: false,
    maskedErrors: { maskError: maskUnexpected },
    logging: false,
    // Same origin only: the security plugin answers CORS for the allowed origins, if any.
    cors: false,
    plugins: [
      graphQLGuards({
        maxTokens: config.GRAPHQL_MAX_TOKENS,
        introspection: config.GRAPHQL_INTROSPECTION,
        signedIn: (context) => (context as { req?: FastifyRequest }).req?.viewer !== undefined,
      }),
    ],
    context: ({ req }) => ({
      db: deps.db,
      clock: deps.clock,
      viewer: req.viewer,
      campaignLinkKey: deps.campaignLinkKey,
      complaintPageKey: deps.complaintPageKey,
    }),
  });

  app.route({
    url: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    schema: { hide: true },
    bodyLimit: config.GRAPHQL_BODY_LIMIT_BYTES,
    config: {
      // Counted per person once signed in (a team behind one address shares nothing), else per address.
      rateLimit: {
        max: config.GRAPHQL_RATE_LIMIT_PER_MINUTE,
        timeWindow: '1 minute',
        keyGenerator: (request: FastifyRequest) =>
          request.viewer ? `graphql:user:${request.viewer.userId}` : `graphql:address:${request.ip}`,
      },
    },
    handler: async (req, reply) => {
      const response = await yoga.handleNodeRequestAndResponse(req, reply, { req, reply });
      response.headers.forEach((value, key) => {
        reply.header(key, value);
      });
      reply.status(response.status);
      reply.send(response.body);
      return reply;
    },
  });
};
