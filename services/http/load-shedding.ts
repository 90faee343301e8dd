import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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

/** What a request the server refuses because it is past its capacity answers (503, with Retry-After). */
const OVERLOADED = {
  code: 'overloaded',
  message: 'The service is busy; try again in a moment',
  details: { retryAfterSeconds: OVERLOAD_RETRY_AFTER_SECONDS },
} as const;

/** The same answer as an error, where a hook can only reject (under-pressure's signals, seldom). */
const overloaded = () => new AppError(503, OVERLOADED.code, OVERLOADED.message, OVERLOADED.details);

/**
 * Sends that answer, its body serialized once. Past capacity, thousands of requests a second are shed: an error
 * built for each (its stack captured through Fastify's hooks, then the error handler) cost a twentieth of the
 * server's time at twice the capacity (bench/overload.ts, CPU profile).
 */
const OVERLOADED_BODY = JSON.stringify(OVERLOADED);
export const sendOverloaded = (reply: FastifyReply) =>
  reply
    .code(503)
    .header('retry-after', String(OVERLOAD_RETRY_AFTER_SECONDS))
    .type('application/json; charset=utf-8')
    .send(OVERLOADED_BODY);

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
    /** Logs now and then why the server sheds. */
    const logShedding = (signal: string, value: number) => {
      const now = Date.now();
      if (now - lastLoggedAt >= LOG_EVERY_MS) {
        lastLoggedAt = now;
        app.log.warn({ signal, value: Math.round(value) }, 'shedding load: answering 503 overloaded');
      }
    };
    await app.register(underPressure, {
      maxEventLoopDelay: config.SHED_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: config.SHED_HEAP_USED_MB * 1024 * 1024,
      sampleInterval: SAMPLE_INTERVAL_MS,
      // A stall or a leak, seldom: a rejected promise goes to the error handler, which answers like every error.
      pressureHandler: (request, _reply, signal, value) => {
        if (exempt(request)) return undefined;
        logShedding(signal, value ?? 0);
        return Promise.reject(overloaded());
      },
    });
    if (config.SHED_POOL_WAITING > 0) {
      // The pool's queue is the backlog in front of the database: past the bound, new work only lengthens it.
      // Overload itself, thousands of requests a second: answered from the hook (without calling done, Fastify's
      // way to end a request early) with the body serialized once, no error built.
      app.addHook('onRequest', (request, reply, done) => {
        const waiting = poolWaiting();
        if (waiting <= config.SHED_POOL_WAITING || exempt(request)) {
          done();
          return;
        }
        logShedding('poolWaiting', waiting);
        sendOverloaded(reply);
      });
    }
  },
  { name: 'load-shedding' },
);
