/** The event store port. Every adapter passes the contract suite in test/eventstore.contract.ts. */

export interface EventMetadata {
  organisationId: string;
  actor: { type: 'user' | 'public' | 'system'; id?: string };
  correlationId?: string;
  causationId?: string;
  /** When the fact happened (ISO 8601). */
  occurredAt: string;
  schemaVersion: number;
}

/** An event about to be appended. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

/** Where a reader stands in the global feed: ordered by writing transaction, then position. */
export interface Checkpoint {
  txid: string;
  position: number;
}

export const START: Checkpoint = { txid: '0', position: 0 };

export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  streamId: string;
  revision: number;
  /** Global position (unique, increasing within a transaction); the feed orders by (txid, position). */
  position: number;
  txid: string;
  recordedAt: Date;
}

/** 'no_stream' (or -1): the stream must not exist; 'any': no check; n ≥ 0: the stream's last revision must be n. */
export type ExpectedRevision = number | 'no_stream' | 'any';

/** One append among several (appendMany). */
export interface AppendRequest {
  streamId: string;
  events: readonly NewEvent[];
  expectedRevision: ExpectedRevision;
  /** Rows of another table the same statement writes (PostgreSQL store only; see `Alongside`). */
  alongside?: Alongside;
}

/**
 * Rows another table gets in the same statement as the events (the personal-data vault's new data keys, so that
 * sealing an event about a new person costs no extra round trip): each row is inserted unless a row with its key
 * exists already, and the append lands only if every row it brings was inserted by this statement and every row
 * it holds is there and live. When one was not (a key drawn for a subject another writer had just keyed, a key
 * erased meanwhile by another process), the append answers `AlongsideRefusedError`, a `WrongExpectedRevisionError`
 * like any refused append, and the caller seals again from the stored keys.
 */
export interface Alongside {
  /** The table and its unique key column; rows all name the same columns (one left out takes its default). */
  table: string;
  key: string;
  /** A held row counts only while this column is not null (a subject's wrapped key: null once erased). */
  live: string;
  rows: readonly Record<string, unknown>[];
  /**
   * Keys of rows that must exist already, live: the statement locks them (FOR SHARE), so a change to one (an
   * erasure) either commits before the append, which then refuses, or waits for the append to commit.
   */
  held?: readonly string[];
}

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  revision: number;
  /** Global position of the last appended event. */
  position: number;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** -1 when the stream does not exist. */
    readonly currentRevision: number,
  ) {
    super(`Stream ${streamId} is at revision ${currentRevision}, expected ${String(expected)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * An append refused for its rows alongside, its stream at the revision it expected: a row it brings was there
 * already, or one it holds is missing or no longer live (`Alongside`).
 */
export class AlongsideRefusedError extends WrongExpectedRevisionError {
  constructor(streamId: string, expected: ExpectedRevision, currentRevision: number) {
    super(streamId, expected, currentRevision);
    this.message = `Append to ${streamId} refused: rows it writes or holds in another table changed`;
    this.name = 'AlongsideRefusedError';
  }
}

export interface EventStore {
  append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  readStream(streamId: string, options?: { fromRevision?: number }): Promise<RecordedEvent[]>;
  readAll(options?: { after?: Checkpoint; limit?: number }): Promise<RecordedEvent[]>;
  /** Catch-up then live; ends when the signal aborts. */
  subscribe(options?: {
    after?: Checkpoint;
    signal?: AbortSignal;
    batchSize?: number;
  }): AsyncIterable<RecordedEvent>;
  /** Resolves true when new events may be readable (local append, NOTIFY from another process), false after
   * `timeoutMs` or an abort. */
  waitForEvents(timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  /** The feed checkpoint of the newest readable event (START when there is none). */
  head(): Promise<Checkpoint>;
  /** The feed checkpoint of the event at a global position, or undefined if there is none. */
  checkpointOf(position: number): Promise<Checkpoint | undefined>;
  close(): Promise<void>;
}

/** Upcasters turn an old stored shape into the current one at read time; stored events are never rewritten. */
export type Upcaster = ((event: { type: string; data: unknown; schemaVersion: number }) => {
  type: string;
  data: unknown;
  schemaVersion: number;
}) & {
  /**
   * The stored type names that may read as one of `types` (renamed types included). Without it a reader cannot
   * filter the feed by type, since an old name may become a handled one.
   */
  storedTypes?(types: readonly string[]): string[];
};

export const compareCheckpoints = (a: Checkpoint, b: Checkpoint): number => {
  const ta = BigInt(a.txid);
  const tb = BigInt(b.txid);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.position - b.position;
};

/**
 * How far a reader at `checkpoint` is behind `head` (the newest readable event), from the two checkpoints alone:
 * 0 once it has read the head, otherwise the global positions between them, at least 1. An estimate of the events
 * left to read, without counting rows: positions have gaps (an append that failed had taken some) and the feed
 * orders by transaction first.
 */
export const positionLag = (checkpoint: Checkpoint, head: Checkpoint): number =>
  compareCheckpoints(checkpoint, head) >= 0 ? 0 : Math.max(1, head.position - checkpoint.position);
