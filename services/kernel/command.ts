import type { EventMetadata, EventStore, NewEvent, RecordedEvent } from '../eventstore/types';
import { WrongExpectedRevisionError } from '../eventstore/types';
import type { Clock } from './clock';
import { conflict } from './errors';
import { derivedId, newId } from './ids';

type AnyEvent = { type: string; data: unknown };

/** A pure decider: the whole behaviour of one kind of stream. */
export interface Decider<State, Command, Event extends AnyEvent> {
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

const MAX_ATTEMPTS = 6;

interface LoadedStream {
  streamId: string;
  history: RecordedEvent[];
  /** -1 when the stream does not exist. */
  revision: number;
  /** Another organisation's stream is, for this caller, a stream that does not exist. */
  foreign: boolean;
}

/** Step 1: read the stream and see whose it is. */
const load = async (context: CommandContext, streamId: string): Promise<LoadedStream> => {
  const history = await context.store.readStream(streamId);
  return {
    streamId,
    history,
    revision: history.at(-1)?.revision ?? -1,
    foreign: history.length > 0 && history[0]!.metadata.organisationId !== context.organisationId,
  };
};

/** The id of the n-th event a command appends: derived from the idempotency key when there is one. */
const eventIdOf = (context: CommandContext, streamId: string) => (index: number) =>
  context.idempotencyKey
    ? derivedId(context.organisationId, streamId, context.idempotencyKey, String(index))
    : newId();

/** Step 2: a retried request (same idempotency key) answers what its first attempt appended. */
const replayed = <Event>(
  context: CommandContext,
  stream: LoadedStream,
  idOf: (index: number) => string,
): CommandResult<Event> | undefined => {
  if (!context.idempotencyKey) return undefined;
  const byId = new Map(stream.history.map((event) => [event.id, event]));
  const first: RecordedEvent[] = [];
  for (let event = byId.get(idOf(0)); event; event = byId.get(idOf(first.length))) first.push(event);
  const last = first.at(-1);
  if (!last) return undefined;
  return {
    streamId: stream.streamId,
    revision: last.revision,
    position: last.position,
    // The stream holds only this decider's events, written by this same code.
    events: first.map((event) => ({ type: event.type, data: event.data }) as Event),
  };
};

/**
 * Step 3: a client that names the revision it saw is refused when the stream moved on. Another organisation's
 * stream is checked as a missing one (revision -1), so the answer tells nothing of it.
 */
const checkRevision = (context: CommandContext, stream: LoadedStream) => {
  const revision = stream.foreign ? -1 : stream.revision;
  if (context.ifMatch === undefined || context.ifMatch === revision) return;
  throw conflict('revision_conflict', `The record changed (revision ${revision}); reload and try again`, {
    currentRevision: revision,
  });
};

/** Step 4: fold the history into the decider's state. */
const replay = <State, Event extends AnyEvent>(
  decider: Decider<State, unknown, Event>,
  stream: LoadedStream,
): State =>
  stream.foreign
    ? decider.initialState
    : // A stream holds only the events of the decider that wrote it.
      stream.history.reduce(
        (state, event) => decider.evolve(state, event as unknown as Event),
        decider.initialState,
      );

/** Step 5: append what was decided, expecting the revision it was decided on. */
const append = async <Event extends AnyEvent>(
  context: CommandContext,
  stream: LoadedStream,
  decided: Event[],
  idOf: (index: number) => string,
): Promise<CommandResult<Event>> => {
  const occurredAt = context.clock.now().toISOString();
  const events: NewEvent[] = decided.map((event, index) => ({
    id: idOf(index),
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
  const result = await context.store.append(stream.streamId, events, {
    expectedRevision: stream.revision === -1 ? 'no_stream' : stream.revision,
  });
  return { streamId: stream.streamId, ...result, events: decided };
};

/**
 * The fast path of a command that usually creates its stream (a public answer): decide on an empty stream and
 * append expecting none, without reading it first. Any refusal or an existing stream (a retry) answers
 * undefined, and the caller takes the full path, which reads the stream and decides on its real history.
 */
const appendToNewStream = async <State, Command, Event extends AnyEvent>(
  context: CommandContext,
  decider: Decider<State, Command, Event>,
  streamId: string,
  command: Command,
  idOf: (index: number) => string,
): Promise<CommandResult<Event> | undefined> => {
  const empty: LoadedStream = { streamId, history: [], revision: -1, foreign: false };
  let decided: Event[];
  try {
    decided = decider.decide(command, decider.initialState);
  } catch {
    return undefined;
  }
  if (decided.length === 0) return undefined;
  try {
    return await append(context, empty, decided, idOf);
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return undefined;
    throw error;
  }
};

/** Full jitter over a doubling ceiling: racing writers spread out instead of colliding again in step. */
const backoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)));

/**
 * Runs a command on one stream: load, replay a retried request, check the revision, fold, decide, append.
 * A lost race (another writer appended first) starts again from the new history, after a jittered pause.
 */
export const runCommand = async <State, Command, Event extends AnyEvent>(
  context: CommandContext,
  decider: Decider<State, Command, Event>,
  streamId: string,
  command: Command,
  options: { usuallyNew?: boolean } = {},
): Promise<CommandResult<Event>> => {
  const idOf = eventIdOf(context, streamId);
  if (options.usuallyNew && !context.idempotencyKey && context.ifMatch === undefined) {
    const first = await appendToNewStream(context, decider, streamId, command, idOf);
    if (first) return first;
  }
  for (let attempt = 1; ; attempt++) {
    const stream = await load(context, streamId);
    const previous = replayed<Event>(context, stream, idOf);
    if (previous) return previous;
    // On a stream that does not exist (for this caller) the decider speaks first: a change to a missing record
    // answers 404 whatever revision the client names, and only a creation is held to it.
    const missing = stream.foreign || stream.revision === -1;
    if (!missing) checkRevision(context, stream);
    const decided = decider.decide(command, replay(decider as Decider<State, unknown, Event>, stream));
    if (missing) checkRevision(context, stream);
    if (stream.foreign) throw conflict('identifier_taken', 'This identifier is already in use');
    if (decided.length === 0) {
      return {
        streamId,
        revision: stream.revision,
        position: stream.history.at(-1)?.position ?? 0,
        events: [],
      };
    }
    try {
      return await append(context, stream, decided, idOf);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (context.ifMatch !== undefined || attempt >= MAX_ATTEMPTS) {
        throw conflict('revision_conflict', 'The record changed meanwhile; reload and try again', {
          currentRevision: error.currentRevision,
        });
      }
      await backoff(attempt);
    }
  }
};
