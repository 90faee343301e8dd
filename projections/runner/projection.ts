import type { Kysely } from 'kysely';
import type { Db } from '../../services/db/database';
import type { RecordedEvent } from '../../services/eventstore/types';

type AnyEvent = { type: string; data: unknown };
/** Kysely's shape for a set of tables: table name → columns. */
export type Tables = Record<string, Record<string, unknown>>;

/** The recorded form of each member of an event union, its data typed by its type. */
export type Recorded<Event extends AnyEvent> = Event extends AnyEvent
  ? RecordedEvent<Event['type'], Event['data']>
  : never;

/**
 * One handler per event type: leaving a type of the union out is a compile error, never a silent skip. A handler
 * gets a run of consecutive events of its type (in feed order) and applies them as set-based statements.
 */
export type Handlers<T extends Tables, Event extends AnyEvent> = {
  [Type in Event['type']]: (
    db: Kysely<T>,
    events: readonly Recorded<Extract<Event, { type: Type }>>[],
  ) => Promise<void>;
};

/**
 * A read model: its tables and how each event it handles changes them. `create` makes the tables with
 * unqualified names, so a rebuild can create them in a scratch schema. Bump `version` when the tables or the
 * logic change: the runner then rebuilds it from the start of the log and swaps the new tables in.
 */
export interface ProjectionDefinition<T extends Tables, Event extends AnyEvent> {
  name: string;
  version: number;
  tables: readonly (keyof T & string)[];
  create(db: Kysely<T>): Promise<void>;
  handlers: Handlers<T, Event>;
  /**
   * Apply a batch type by type in this order (each type's events in feed order) rather than as runs of
   * consecutive events: fewer, larger statements when types interleave in the feed. Only valid when moving an
   * event of a type before earlier events of a type listed after it changes nothing: the two types touch
   * different rows, add to counters, or never occur in that order (a link is opened before it is closed).
   */
  batchOrder?: readonly Event['type'][];
}

/** A read model as the runner sees it: its table types erased, its handled types derived from its handlers. */
export interface Projection {
  readonly name: string;
  readonly version: number;
  readonly tables: readonly string[];
  readonly handles: readonly string[];
  create(db: Db): Promise<void>;
  /** Applies a batch of handled events, in feed order. */
  apply(db: Db, events: readonly RecordedEvent[]): Promise<void>;
}

/** Cuts events into runs of consecutive events of one type, keeping their order. */
export const runsOfOneType = <Event extends { type: string }>(events: readonly Event[]): Event[][] => {
  const runs: Event[][] = [];
  for (const event of events) {
    const last = runs.at(-1);
    if (last && last[0]!.type === event.type) last.push(event);
    else runs.push([event]);
  }
  return runs;
};

/** Groups events by type, in the given order of types, each group in feed order; empty groups are left out. */
export const groupsOfOneType = <Event extends { type: string }>(
  events: readonly Event[],
  order: readonly string[],
): Event[][] => {
  const groups = new Map<string, Event[]>(order.map((type) => [type, []]));
  for (const event of events) groups.get(event.type)?.push(event);
  return [...groups.values()].filter((group) => group.length > 0);
};

/** Erases a definition's types for the runner; the handled event types are the keys of its handlers. */
export const defineProjection = <T extends Tables, Event extends AnyEvent>(
  definition: ProjectionDefinition<T, Event>,
): Projection => {
  if (!/^[a-z][a-z0-9_]*$/.test(definition.name)) throw new Error(`Bad projection name ${definition.name}`);
  // The runner only hands a handler the events of its own type (see `handles`), so the lookup is sound.
  const handlers = definition.handlers as unknown as Record<
    string,
    (db: Kysely<T>, events: readonly RecordedEvent[]) => Promise<void>
  >;
  const handles = Object.keys(handlers);
  const order = definition.batchOrder;
  if (order && (order.length !== handles.length || !handles.every((type) => order.includes(type)))) {
    throw new Error(`Projection ${definition.name}: batchOrder must list each handled type once`);
  }
  return {
    name: definition.name,
    version: definition.version,
    tables: definition.tables,
    handles,
    create: (db) => definition.create(db.withTables<T>()),
    async apply(db, events) {
      const typed = db.withTables<T>();
      const runs = order ? groupsOfOneType(events, order) : runsOfOneType(events);
      for (const run of runs) await handlers[run[0]!.type]?.(typed, run);
    },
  };
};
