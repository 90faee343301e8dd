import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors';

/**
 * A fixed-window request counter per key, in this process. The rate-limit plugin runs one limit per request;
 * this one adds a second, independent allowance (per public link, whatever the address).
 */
export const createKeyLimiter = (options: { max: number; windowMs: number; now?: () => number }) => {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { count: number; resetsAt: number }>();
  let nextSweep = now() + options.windowMs;

  const sweep = (at: number) => {
    if (at < nextSweep) return;
    for (const [key, window] of windows) if (window.resetsAt <= at) windows.delete(key);
    nextSweep = at + options.windowMs;
  };

  return {
    /** Counts one request for the key; answers whether it is allowed and, if not, the seconds to wait. */
    hit(key: string): { allowed: boolean; retryAfterSeconds: number } {
      const at = now();
      sweep(at);
      let window = windows.get(key);
      if (!window || window.resetsAt <= at) {
        window = { count: 0, resetsAt: at + options.windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      const retryAfterSeconds = Math.max(1, Math.ceil((window.resetsAt - at) / 1000));
      return { allowed: window.count <= options.max, retryAfterSeconds };
    },
  };
};

/** A preHandler refusing, with 429 and Retry-After, the requests over the allowance of their key. */
export const limitByKey = (
  limiter: ReturnType<typeof createKeyLimiter>,
  keyOf: (request: FastifyRequest) => string,
) =>
  async function keyLimit(request: FastifyRequest, reply: FastifyReply) {
    const { allowed, retryAfterSeconds } = limiter.hit(keyOf(request));
    if (allowed) return;
    reply.header('retry-after', String(retryAfterSeconds));
    throw new AppError(
      429,
      'rate_limited',
      `Too many answers on this link; try again in ${retryAfterSeconds} s`,
      {
        retryAfterSeconds,
      },
    );
  };
