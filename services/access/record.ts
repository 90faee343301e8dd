import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { EventMetadata, EventStore } from '../eventstore/types';
import type { Clock } from '../kernel/clock';
import { newId } from '../kernel/ids';
import { type AccountCommand, accountDecider } from './decider';
import { userStream } from './events';

export interface FactContext {
  store: EventStore;
  clock: Clock;
  organisationId: string;
  actor: EventMetadata['actor'];
  correlationId?: string;
}

const decided = (context: FactContext, command: AccountCommand) =>
  accountDecider.decide(command, accountDecider.initialState).map((event) => ({
    id: newId(),
    type: event.type,
    data: event.data,
    metadata: {
      organisationId: context.organisationId,
      actor: context.actor,
      correlationId: context.correlationId,
      occurredAt: context.clock.now().toISOString(),
      schemaVersion: 1,
    } satisfies EventMetadata,
  }));

/**
 * Records an account's security fact in the user's stream. No decision reads that stream's history (the
 * credentials live outside the log), so it appends after whatever is there instead of reading it first.
 */
export const recordAccountFact = async (context: FactContext, command: AccountCommand) => {
  const events = decided(context, command);
  if (events.length === 0) return undefined;
  return context.store.append(userStream(command.userId), events, { expectedRevision: 'any' });
};

/**
 * The same inside the caller's transaction, as its first write, so that a credential change and its fact commit
 * together or not at all. Raw SQL: the event store's es_append function (-2: after the stream's last event).
 */
export const recordAccountFactWithin = async (tx: Db, context: FactContext, command: AccountCommand) => {
  const events = decided(context, command);
  if (events.length === 0) return undefined;
  const { rows } = await sql<{ last_position: string | number }>`
    SELECT last_position FROM es_append(${userStream(command.userId)}, -2, ${JSON.stringify(events)}::jsonb)`.execute(
    tx,
  );
  return { position: Number(rows[0]?.last_position ?? 0) };
};
