import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createYoga } from 'graphql-yoga';
import type { AnyDb } from '../services/db/database';
import type { Clock } from '../services/kernel/clock';
import { schema } from './index';
import { createLoaders } from './loaders';

/** GraphQL reads at /graphql, over the read models only, scoped to the session's organisation. */
export const registerGraphQL = (app: FastifyInstance, deps: { db: AnyDb; clock: Clock }) => {
  const yoga = createYoga<{ req: FastifyRequest; reply: FastifyReply }>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: false,
    landingPage: false,
    maskedErrors: true,
    logging: false,
    context: ({ req }) => ({
      db: deps.db,
      clock: deps.clock,
      viewer: req.viewer,
      loaders: createLoaders(deps.db, req.viewer?.organisationId ?? '00000000-0000-0000-0000-000000000000'),
    }),
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
