import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { Config } from '../config';
import { AppError } from '../kernel/errors';

/** Security headers, cross-origin policy and the rate limiter that routes opt into. */
export const securityPlugin = fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    // Built once: the headers are the same for every response (no per-request nonces), so nothing is parsed
    // again per request (the Fastify wrapper rebuilt the whole policy at each one).
    const securityHeaders = helmet({
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
    app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, () => done()));
    // The web app is served from the same origin; other origins get no CORS headers unless allowed by name.
    await app.register(cors, {
      origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
      credentials: true,
    });
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) =>
        new AppError(429, 'rate_limited', `Too many requests; try again in ${context.after}`, {
          retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
        }),
    });
  },
  { name: 'security' },
);
