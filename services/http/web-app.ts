import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const API_PATHS = /^\/(api|graphql|health|docs)(\/|$)/;

/** The built web app, and its pages: any other GET answers index.html; unknown API paths answer 404. */
export const webAppPlugin = async (app: FastifyInstance, { root }: { root: string }) => {
  const built = existsSync(root);
  if (built) await app.register(fastifyStatic, { root, wildcard: true });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (request.method !== 'GET' || API_PATHS.test(path) || !built) {
      return reply.code(404).send({ code: 'route_not_found', message: `No route ${request.method} ${path}` });
    }
    return reply.type('text/html').sendFile('index.html');
  });
};
