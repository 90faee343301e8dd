import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventStore } from '../eventstore/types';
import type { Viewer } from './auth';
import type { Clock } from './clock';
import type { CommandContext } from './command';
import { badRequest } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, set by the access plugin; undefined for anonymous requests. */
    viewer?: Viewer;
  }
}

export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** The body every 4xx answers with. */
export const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const commandResult = z.object({
  id: z.string().uuid(),
  revision: z.number().int(),
  position: z.number().int(),
});

export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
};

const ifMatchOf = (request: FastifyRequest): number | undefined => {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const value = Number(String(header).replace(/^W\//, '').replaceAll('"', ''));
  if (!Number.isInteger(value) || value < -1)
    throw badRequest('invalid_if_match', 'If-Match must be a revision number');
  return value;
};

const idempotencyKeyOf = (request: FastifyRequest): string | undefined => {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = String(header);
  if (key.length < 8 || key.length > 200) {
    throw badRequest('invalid_idempotency_key', 'Idempotency-Key must be 8 to 200 characters');
  }
  return key;
};

/** The command context of an authenticated request: its organisation, actor, retry key and expected revision. */
export const commandContext = (
  request: FastifyRequest,
  viewer: Viewer,
  deps: { store: EventStore; clock: Clock },
): CommandContext => ({
  store: deps.store,
  clock: deps.clock,
  organisationId: viewer.organisationId,
  actor: { type: 'user', id: viewer.userId },
  correlationId: request.id,
  idempotencyKey: idempotencyKeyOf(request),
  ifMatch: ifMatchOf(request),
});

/** Answers a command: 201 for a creation, with the revision and global position (for X-Min-Position). */
export const created = (reply: FastifyReply, body: { id: string; revision: number; position: number }) =>
  reply.code(201).header('etag', `"${body.revision}"`).send(body);
