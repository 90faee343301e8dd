import type { EventMetadata, EventStore, NewEvent, RecordedEvent } from '../eventstore/types';
import { WrongExpectedRevisionError } from '../eventstore/types';
import type { Clock } from './clock';
import { conflict } from './errors';
import { derivedId, newId } from './ids';

/** A pure decider: the whole behaviour of one kind of stream. */
export interface Decider<State, Command, Event extends { type: string; data: unknown }> {
  initialState: State;
  evolve(state: State, event: Event): State;
  /** Answers the events the command produces, or throws an AppError. */
  decide(command: Command, state: State): Event[];
}

export interface CommandContext {
  store: EventStore;
  clock: Clock;
  organisationId: string;
  actor: EventMetadata['actor'];
  correlationId?: string;
  /** From `Idempotency-Key`: a retried request appends nothing new and answers the first result. */
  idempotencyKey?: string;
  /** From `If-Match`: the revision the client last saw; a stale one answers 409. */
  ifMatch?: number;
}

export interface CommandResult<Event> {
  streamId: string;
  revision: number;
  position: number;
  events: Event[];
}

const MAX_ATTEMPTS = 5;

/** Loads a stream, folds it, decides, and appends with the revision it decided on (retrying lost races). */
export const runCommand = async <State, Command, Event extends { type: string; data: unknown }>(
  context: CommandContext,
  decider: Decider<State, Command, Event>,
  streamId: string,
  command: Command,
): Promise<CommandResult<Event>> => {
  for (let attempt = 1; ; attempt++) {
    const history = await context.store.readStream(streamId);
    const revision = history.length === 0 ? -1 : history[history.length - 1]!.revision;
    const key = context.idempotencyKey;
    const idAt = (index: number) =>
      key ? derivedId(context.organisationId, streamId, key, String(index)) : newId();
    if (key) {
      const replayed = replayOf<Event>(history, idAt);
      if (replayed) return { streamId, ...replayed };
    }
    // Another organisation's stream is, for this caller, a stream that does not exist.
    const foreign = isForeign(history, context);
    if (context.ifMatch !== undefined && context.ifMatch !== revision && !foreign) {
      throw conflict('revision_conflict', `The record changed (revision ${revision}); reload and try again`, {
        currentRevision: revision,
      });
    }
    const state = foreign
      ? decider.initialState
      : history.reduce(
          (current, event) => decider.evolve(current, event as unknown as Event),
          decider.initialState,
        );
    const decided = decider.decide(command, state);
    if (foreign) throw conflict('identifier_taken', 'This identifier is already in use');
    if (decided.length === 0)
      return { streamId, revision, position: history[history.length - 1]?.position ?? 0, events: [] };
    const ids = decided.map((_, index) => idAt(index));
    const occurredAt = context.clock.now().toISOString();
    const events: NewEvent[] = decided.map((event, index) => ({
      id: ids[index]!,
      type: event.type,
      data: event.data,
      metadata: {
        organisationId: context.organisationId,
        actor: context.actor,
        correlationId: context.correlationId,
        occurredAt,
        schemaVersion: 1,
      },
    }));
    try {
      const result = await context.store.append(streamId, events, {
        expectedRevision: revision === -1 ? 'no_stream' : revision,
      });
      return { streamId, ...result, events: decided };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (context.ifMatch !== undefined || attempt >= MAX_ATTEMPTS) {
        throw conflict('revision_conflict', 'The record changed meanwhile; reload and try again', {
          currentRevision: error.currentRevision,
        });
      }
    }
  }
};

const isForeign = (history: readonly RecordedEvent[], context: CommandContext) =>
  history.length > 0 && history[0]!.metadata.organisationId !== context.organisationId;

/** The events a first attempt with the same idempotency key appended, if any. */
const replayOf = <Event>(history: readonly RecordedEvent[], idAt: (index: number) => string) => {
  const byId = new Map(history.map((event) => [event.id, event]));
  const replayed: RecordedEvent[] = [];
  for (let event = byId.get(idAt(0)); event; event = byId.get(idAt(replayed.length))) replayed.push(event);
  const last = replayed[replayed.length - 1];
  if (!last) return undefined;
  return {
    revision: last.revision,
    position: last.position,
    events: replayed.map((event) => ({ type: event.type, data: event.data }) as unknown as Event),
  };
};
