import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createYoga, maskError } from 'graphql-yoga';
import type { Db } from '../services/db/database';
import type { Clock } from '../services/kernel/clock';
import { schema } from './index';

const PUBLIC_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);

/** Errors we raise on purpose (by their code) reach the client; anything else is masked and only logged. */
const maskUnexpected = (error: unknown, message: string, isDev?: boolean) => {
  let cause: unknown = error;
  while (cause && typeof cause === 'object') {
    const code = (cause as { extensions?: { code?: unknown } }).extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) return error as Error;
    cause = (cause as { originalError?: unknown }).originalError;
  }
  return maskError(error, message, isDev);
};

/** GraphQL reads at /graphql, over the read models only, scoped to the session's organisation. */
export const graphQLPlugin = async (app: FastifyInstance, deps: { db: Db; clock: Clock }) => {
  const yoga = createYoga<{ req: FastifyRequest; reply: FastifyReply }>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: false,
    landingPage: false,
    maskedErrors: { maskError: maskUnexpected },
    logging: false,
    // Same origin only: the security plugin answers CORS for the allowed origins, if any.
    cors: false,
    context: ({ req }) => ({ db: deps.db, clock: deps.clock, viewer: req.viewer }),
  });

  app.route({
    url: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    schema: { hide: true },
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
