import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { AppError } from '../kernel/errors';

/** Seconds a client should wait before sending a shed request again. */
export const OVERLOAD_RETRY_AFTER_SECONDS = 2;

/**
 * How often the event-loop delay and the heap are sampled. The delay is the mean over the interval, so one long
 * block (a start-up, a GC pause, PGlite on a starved CPU) weighs little unless it fills the whole interval.
 */
const SAMPLE_INTERVAL_MS = 1000;

const LOG_EVERY_MS = 10_000;

/** Load balancers and operators ask /health whether the node is alive: it must answer even while shedding. */
const EXEMPT_ROUTES = new Set(['/health']);

/** The answer to a request the server refuses because it is past its capacity. */
export const overloaded = () =>
  new AppError(503, 'overloaded', 'The service is busy; try again in a moment', {
    retryAfterSeconds: OVERLOAD_RETRY_AFTER_SECONDS,
  });

const exempt = (request: FastifyRequest) => EXEMPT_ROUTES.has(request.routeOptions.url ?? '');

export interface LoadSheddingOptions {
  config: Pick<Config, 'SHED_EVENT_LOOP_DELAY_MS' | 'SHED_HEAP_USED_MB' | 'SHED_POOL_WAITING'>;
  /** Queries waiting for a database connection right now (pg's `pool.waitingCount`; 0 on PGlite). */
  poolWaiting(): number;
}

/**
 * Past capacity, refuse new requests at once (503 `overloaded` with Retry-After) instead of queueing them until
 * every one times out at the client: queued requests hold memory and finish after their clients gave up, so the
 * server ends up doing only wasted work. Checked in `onRequest`, before the body is parsed or a session looked up.
 * Measured at twice the capacity of public answers, the backlog built up in the pool's queue (2,000 queries)
 * while the event-loop delay stayed under 6 ms: the pool queue is the signal for database-bound work, the delay
 * and the heap are brakes for CPU-bound stalls and leaks.
 */
export const loadSheddingPlugin = fp(
  async (app: FastifyInstance, { config, poolWaiting }: LoadSheddingOptions) => {
    // Shedding refuses hundreds of requests a second: one line now and then tells the operator why.
    let lastLoggedAt = 0;
    const shed = (signal: string, value: number) => {
      const now = Date.now();
      if (now - lastLoggedAt >= LOG_EVERY_MS) {
        lastLoggedAt = now;
        app.log.warn({ signal, value: Math.round(value) }, 'shedding load: answering 503 overloaded');
      }
      return overloaded();
    };
    await app.register(underPressure, {
      maxEventLoopDelay: config.SHED_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: config.SHED_HEAP_USED_MB * 1024 * 1024,
      sampleInterval: SAMPLE_INTERVAL_MS,
      // A rejected promise goes to the error handler, so a shed request answers like every other error.
      pressureHandler: (request, _reply, signal, value) =>
        exempt(request) ? undefined : Promise.reject(shed(signal, value ?? 0)),
    });
    if (config.SHED_POOL_WAITING > 0) {
      // The pool's queue is the backlog in front of the database: past the bound, new work only lengthens it.
      app.addHook('onRequest', async (request) => {
        const waiting = poolWaiting();
        if (waiting > config.SHED_POOL_WAITING && !exempt(request)) throw shed('poolWaiting', waiting);
      });
    }
  },
  { name: 'load-shedding' },
);
