import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable, isPoolExhausted } from '../db/availability';
import { type AppError, isAppError } from '../kernel/errors';
import { INVALID_CHARACTERS } from '../kernel/validation';
import { sendOverloaded } from './load-shedding';

/** Seconds a client should wait before trying again when the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const reasonOf = (params: unknown): unknown =>
  typeof params === 'object' && params !== null && 'params' in params
    ? (params.params as { reason?: unknown } | undefined)?.reason
    : undefined;

/** The one place errors become answers: 4xx carry a code and a message, 5xx details are logged, never sent. */
export const registerErrorHandler = (app: FastifyInstance) => {
  const sendAppError = (reply: FastifyReply, error: AppError) => {
    // Busy or rate-limited: the header lets any client (and proxy) wait the right time without reading the body.
    const retryAfter = error.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return reply
      .code(error.status)
      .send({ code: error.code, message: error.message, details: error.details });
  };

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) return sendAppError(reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((issue) => ({
        path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || error.validationContext,
        message: issue.message,
        ...(reasonOf(issue.params) === INVALID_CHARACTERS ? { code: INVALID_CHARACTERS } : {}),
      }));
      const unstorable = issues.some((issue) => issue.code === INVALID_CHARACTERS);
      return reply.code(400).send({
        code: unstorable ? INVALID_CHARACTERS : 'validation_failed',
        message: unstorable
          ? 'A text contains a character that cannot be stored (NUL or an unpaired surrogate)'
          : 'The request is not valid',
        details: { issues },
      });
    }
    if (error.validation) {
      return reply.code(400).send({ code: 'validation_failed', message: error.message });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply
        .code(503)
        .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
        .send({
          code: 'database_unavailable',
          message: 'The service is briefly unavailable; try again in a moment',
          details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
        });
    }
    if (isPoolExhausted(error)) {
      request.log.warn('no database connection came free in time: shedding the request');
      return sendOverloaded(reply);
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return reply
        .code(429)
        .send({ code: 'rate_limited', message: 'Too many requests; try again in a minute' });
    }
    if (status === 413) {
      return reply.code(413).send({ code: 'payload_too_large', message: 'The request body is too large' });
    }
    if (status === 415) {
      return reply.code(415).send({ code: 'unsupported_media_type', message: 'Send application/json' });
    }
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ code: 'bad_request', message: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ code: 'internal_error', message: 'Something went wrong on our side' });
  });
};
