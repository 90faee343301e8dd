import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { Database, Db } from '../db/database';
import { execute, queryOnPool } from '../db/database';
import {
  type Alongside,
  AlongsideRefusedError,
  type AppendRequest,
  type AppendResult,
  type Checkpoint,
  compareCheckpoints,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  positionLag,
  type RecordedEvent,
  START,
  type Upcaster,
  WrongExpectedRevisionError,
} from './types';
import { createWaker } from './waker';

const NOTIFY_CHANNEL = 'es_events';
const RELISTEN_DELAY_MS = 1000;
const UNIQUE_VIOLATION = '23505';
/** Rows and keys held alongside a single append up to which its statement is prepared (`Alongside`). */
const MAX_PREPARED_ALONGSIDE = 16;

/** The log as stored (personal fields as ciphertext): read raw only by the binder's hash chain. */
export type EventStoreTables = {
  es_events: {
    position: number;
    txid: string;
    stream_id: string;
    stream_revision: number;
    id: string;
    type: string;
    data: unknown;
    metadata: NewEvent['metadata'];
    recorded_at: Date;
  };
};
const events = (db: Db) => db.withTables<EventStoreTables>();

interface EventRow {
  position: number | string;
  txid: string;
  stream_id: string;
  stream_revision: number | string;
  id: string;
  type: string;
  data: unknown;
  metadata: NewEvent['metadata'];
  recorded_at: Date;
}

const COLUMNS =
  'position, txid::text AS txid, stream_id, stream_revision, id, type, data, metadata, recorded_at';

/**
 * The append, as one INSERT (its own transaction on the pool: always the first write of its transaction, so its
 * transaction id is taken after it read the stream). $2 is the stream's expected last revision (-1: no stream).
 * It inserts nothing, and answers no row, unless that revision is the stream's last one and was written by an
 * older transaction than this one — the rule of the es_append function, whose PL/pgSQL call cost more than this
 * plain statement (bench/README.md). A stream that moved on past $2 makes the insert collide with the unique
 * (stream_id, stream_revision) key. The check only names parameters, so PostgreSQL runs it once, before the
 * insert, as an index probe (a check that named a column of the FROM list could be planned as a hashed subplan
 * reading the whole stream). Raw SQL: Kysely has no form for this guarded INSERT … SELECT.
 */
const appendSql = (
  rows: string,
  extra = '',
) => `INSERT INTO es_events (stream_id, stream_revision, id, type, data, metadata)
  SELECT $1, $2::bigint + e.ord, e.id, e.type, e.data, e.metadata
    FROM ${rows}
   WHERE ($2::bigint < 0 OR EXISTS (
           SELECT 1 FROM es_events p
            WHERE p.stream_id = $1 AND p.stream_revision = $2::bigint
              AND p.txid <= pg_current_xact_id()::text::bigint))${extra}
  RETURNING position`;

const ONE_EVENT =
  '(SELECT 1::bigint, $3::uuid, $4::text, $5::jsonb, $6::jsonb) AS e(ord, id, type, data, metadata)';
const MANY_EVENTS = `ROWS FROM (jsonb_to_recordset($3::jsonb) AS (id uuid, type text, data jsonb, metadata jsonb))
           WITH ORDINALITY AS e(id, type, data, metadata, ord)`;

type AlongsideTable = Pick<Alongside, 'table' | 'key' | 'live'>;

/**
 * The rows an append holds (`Alongside`), locked FOR SHARE while live, so a concurrent change to one (an erasure)
 * is seen here once it commits, or waits for this append. Raw SQL, as the rest of the append.
 */
const heldCte = ({ table, key, live }: AlongsideTable, keys: string) => `held AS (
  SELECT ${key} AS k FROM ${table} WHERE ${key} IN (${keys}) AND ${live} IS NOT NULL FOR SHARE)`;

/**
 * A single append with rows alongside: the rows as a plain multi-row INSERT of parameters after the events' ($7…,
 * or $4… for several events), so that a row whose key exists breaks the statement (and the append) on the unique
 * key — cheaper than ON CONFLICT, a subquery counting what it inserted and a JSON document to parse; then the keys
 * held, each a parameter, all required to be there, live. The table and columns come from code, never from a
 * request: raw SQL, as the append it extends.
 */
const appendAlongsideSql = (
  events: string,
  table: AlongsideTable,
  columns: readonly string[],
  rows: number,
  held: number,
  first: number,
) => {
  const row = (index: number) =>
    `(${columns.map((_, column) => `$${first + index * columns.length + column}`).join(', ')})`;
  const ctes = [];
  if (rows > 0) {
    ctes.push(`alongside AS (
  INSERT INTO ${table.table} (${columns.join(', ')})
  VALUES ${Array.from({ length: rows }, (_, index) => row(index)).join(', ')})`);
  }
  if (held > 0) {
    const from = first + rows * columns.length;
    ctes.push(heldCte(table, Array.from({ length: held }, (_, index) => `$${from + index}`).join(', ')));
  }
  return `WITH ${ctes.join(',\n')}\n${appendSql(events, held > 0 ? `\n     AND (SELECT count(*) FROM held) = ${held}` : '')}`;
};

/** What a batch brings alongside (`Alongside`): the table, the columns of its rows (none: no rows), keys held. */
type BatchAlongside = AlongsideTable & { columns: readonly string[]; withHeld: boolean };

/**
 * The batch's rows alongside, from a JSON array in $2: inserted unless their key exists, answering the keys it
 * inserted (a row another writer inserted meanwhile refuses only the appends that need it, where a broken unique
 * key would refuse the whole batch); and the keys it holds, a JSON array in the next parameter. Raw SQL: data-modifying WITH over
 * jsonb_populate_recordset has no Kysely form.
 */
const batchAlongsideCtes = ({ columns, withHeld, ...table }: BatchAlongside) => {
  const ctes = [];
  if (columns.length > 0) {
    ctes.push(`alongside AS (
  INSERT INTO ${table.table} (${columns.join(', ')})
  SELECT ${columns.join(', ')} FROM jsonb_populate_recordset(NULL::${table.table}, $2::jsonb)
  ON CONFLICT (${table.key}) DO NOTHING RETURNING ${table.key} AS k)`);
  }
  const heldParam = columns.length > 0 ? 3 : 2;
  if (withHeld) ctes.push(heldCte(table, `SELECT jsonb_array_elements_text($${heldParam}::jsonb)`));
  return `WITH ${ctes.join(',\n')}\n`;
};

/** The keys a batch's statement inserted or holds, for each event's `needs`. */
const batchKeys = ({ columns, withHeld }: BatchAlongside) =>
  [
    ...(columns.length > 0 ? ['SELECT k FROM alongside'] : []),
    ...(withHeld ? ['SELECT k FROM held'] : []),
  ].join(' UNION ALL ');

/** One event: its fields as parameters, like a plain INSERT ($3 id, $4 type, $5 data, $6 metadata). */
export const APPEND_ONE_SQL = appendSql(ONE_EVENT);
/** Several events: a JSON array of {id, type, data, metadata} in $3. */
export const APPEND_MANY_SQL = appendSql(MANY_EVENTS);

/**
 * Appends to several streams as one statement (group commit, services/eventstore/group-commit.ts): one row per
 * event in a JSON array in $1, each with its stream, the stream's expected last revision and its rank in its
 * append. Each stream's check is the one of the single append, plus a look for the revision it would write (a
 * retry of an answer, or a stream that moved on, then answers no row instead of breaking the whole statement on
 * the unique key), each a lateral probe limited to one row so that it stays an index probe per stream (a
 * correlated EXISTS here could be planned as a hashed subplan over the whole table). A stream whose check fails
 * inserts nothing and answers no row, so each append lands whole or not at all; with rows alongside, so does one
 * whose `needs` (the keys it brings or holds) were not all inserted or held by this statement. Ordered as the
 * array so positions follow it. Raw SQL, as the single append.
 */
const appendBatchSql = (
  alongside?: BatchAlongside,
) => `${alongside ? batchAlongsideCtes(alongside) : ''}INSERT INTO es_events (stream_id, stream_revision, id, type, data, metadata)
  SELECT e.stream_id, e.expected + e.ord, e.id, e.type, e.data, e.metadata
    FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (stream_id text, expected bigint, ord bigint, id uuid,
                                                     type text, data jsonb, metadata jsonb, needs jsonb))
         WITH ORDINALITY AS e(stream_id, expected, ord, id, type, data, metadata, needs, n)
    LEFT JOIN LATERAL (
           SELECT 1 AS taken FROM es_events t
            WHERE t.stream_id = e.stream_id AND t.stream_revision = e.expected + 1
            LIMIT 1) AS next ON true
    LEFT JOIN LATERAL (
           SELECT p.txid FROM es_events p
            WHERE p.stream_id = e.stream_id AND p.stream_revision = e.expected
            LIMIT 1) AS last ON true
   WHERE next.taken IS NULL
     AND (e.expected < 0 OR last.txid <= pg_current_xact_id()::text::bigint)${
       alongside
         ? `
     AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(e.needs) AS needed(k)
                      WHERE needed.k NOT IN (${batchKeys(alongside)}))`
         : ''
     }
   ORDER BY e.n
  RETURNING stream_id, position`;
export const APPEND_BATCH_SQL = appendBatchSql();

export interface PostgresEventStoreOptions {
  upcast?: Upcaster;
  /** Fallback poll interval for live subscriptions (ms). */
  pollIntervalMs?: number;
  /** How long appends are gathered before one NOTIFY tells other processes (ms). */
  notifyCoalesceMs?: number;
}

/**
 * Reads the feed after a checkpoint, never past the oldest transaction still open. Raw SQL: the visibility rule
 * compares transaction ids with the snapshot's xmin, which Kysely cannot say.
 */
export const readFeed = async (executor: Db, after: Checkpoint, limit: number, upcast?: Upcaster) => {
  const rows = await execute<EventRow>(
    executor,
    `SELECT ${COLUMNS} FROM es_events
      WHERE (txid, position) > ($1::bigint, $2::bigint)
        AND txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
      ORDER BY es_events.txid, es_events.position
      LIMIT $3`,
    [after.txid, after.position, limit],
  );
  return rows.map((row) => toRecorded(row, upcast));
};

/** A batch of the feed read for one reader: the events it asked for, and where it may resume. */
export interface FeedBatch {
  events: RecordedEvent[];
  /** Past every event the batch covered, those of other types included. */
  checkpoint: Checkpoint;
  /** More events may follow at once: the batch stopped at its limit rather than at the readable end. */
  more: boolean;
}

/**
 * Reads the feed after a checkpoint for a reader that handles only some event types, so a projection neither
 * transfers nor parses the others while its checkpoint still moves past them. It takes the readable end first;
 * the rows up to it belong to finished transactions, so the second statement, with its own snapshot, sees
 * exactly the same ones, and a batch short of its limit has looked through everything up to that end. `types`
 * undefined, or an upcaster that cannot say which stored names read as these types: every event. Raw SQL: the
 * feed's visibility rule, as in readFeed.
 */
export const readFeedOfTypes = async (
  executor: Db,
  after: Checkpoint,
  limit: number,
  types: readonly string[] | undefined,
  upcast?: Upcaster,
): Promise<FeedBatch> => {
  const stored = types && (upcast ? upcast.storedTypes?.(types) : [...types]);
  if (!stored) {
    const events = await readFeed(executor, after, limit, upcast);
    const last = events.at(-1);
    return {
      events,
      checkpoint: last ? { txid: last.txid, position: last.position } : after,
      more: events.length === limit,
    };
  }
  const end = await readableEnd(executor);
  if (compareCheckpoints(end, after) <= 0) return { events: [], checkpoint: after, more: false };
  const rows = await execute<EventRow>(
    executor,
    `SELECT ${COLUMNS} FROM es_events
      WHERE (txid, position) > ($1::bigint, $2::bigint)
        AND (txid, position) <= ($3::bigint, $4::bigint)
        AND type = ANY($5::text[])
      ORDER BY es_events.txid, es_events.position
      LIMIT $6`,
    [after.txid, after.position, end.txid, end.position, stored, limit],
  );
  const events = rows.map((row) => toRecorded(row, upcast));
  const last = events.at(-1);
  return last && events.length === limit
    ? { events, checkpoint: { txid: last.txid, position: last.position }, more: true }
    : { events, checkpoint: end, more: false };
};

/** The readable end of the feed, and whether an event of the reader's types lies after its checkpoint. */
export interface FeedTail {
  end: Checkpoint;
  /** Some event of those types lies in (after, end]: a batch has work to do. */
  pending: boolean;
}

/** The statement of feedTailOfTypes: $1, $2 the checkpoint, $3 the stored types (null: any). */
export const FEED_TAIL_SQL = `SELECT e.txid::text AS txid, e.position, (
              SELECT true FROM es_events x
               WHERE (x.txid, x.position) > ($1::bigint, $2::bigint)
                 AND (x.txid, x.position) <= (e.txid, e.position)
                 AND ($3::text[] IS NULL OR x.type = ANY($3::text[]))
               ORDER BY x.txid, x.position LIMIT 1) IS NOT NULL AS pending
       FROM (SELECT txid, position FROM es_events
              WHERE txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
              ORDER BY es_events.txid DESC, es_events.position DESC LIMIT 1) AS e`;

/**
 * One statement for a reader that usually has nothing of its own to read (the events going by are other
 * slices'): the readable end, and whether any event of `types` lies between `after` and it. `types` undefined,
 * or an upcaster that cannot say which stored names read as these types: any event counts. Raw SQL: the feed's
 * visibility rule, as in readFeed. The look is the first such event in feed order rather than an EXISTS: on a
 * table never analysed (a young database, where autovacuum has not run yet) PostgreSQL planned the EXISTS as a
 * sequential scan of the whole log, expecting the types to be common, and every projection then scanned the
 * whole log at every look (60–330 ms each on 20,000 events, measured 7 December); ordered by the feed index and
 * limited to one row, it is a range scan of that index whatever the statistics say.
 */
export const feedTailOfTypes = async (
  executor: Db,
  after: Checkpoint,
  types: readonly string[] | undefined,
  upcast?: Upcaster,
): Promise<FeedTail> => {
  const stored = types && (upcast ? upcast.storedTypes?.(types) : [...types]);
  const rows = await execute<{ txid: string; position: number | string; pending: boolean }>(
    executor,
    FEED_TAIL_SQL,
    [after.txid, after.position, stored ?? null],
  );
  const row = rows[0];
  return row
    ? { end: { txid: row.txid, position: Number(row.position) }, pending: row.pending }
    : { end: START, pending: false };
};

/** The feed checkpoint of the newest readable event (START when there is none). Raw SQL: as in readFeed. */
const readableEnd = async (executor: Db): Promise<Checkpoint> => {
  const rows = await execute<{ txid: string; position: number | string }>(
    executor,
    `SELECT txid::text AS txid, position FROM es_events
      WHERE txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
      ORDER BY es_events.txid DESC, es_events.position DESC LIMIT 1`,
  );
  const row = rows[0];
  return row ? { txid: row.txid, position: Number(row.position) } : START;
};

const toRecorded = (row: EventRow, upcast?: Upcaster): RecordedEvent => {
  const stored = { type: row.type, data: row.data, schemaVersion: row.metadata.schemaVersion ?? 1 };
  const current = upcast ? upcast(stored) : stored;
  return {
    id: row.id,
    type: current.type,
    data: current.data,
    metadata: { ...row.metadata, schemaVersion: current.schemaVersion },
    streamId: row.stream_id,
    revision: Number(row.stream_revision),
    position: Number(row.position),
    txid: row.txid,
    recordedAt: row.recorded_at,
  };
};

const validExpected = (expected: ExpectedRevision) =>
  typeof expected !== 'number' || (Number.isSafeInteger(expected) && expected >= -1);

const expectedToNumber = (expected: number | 'no_stream'): number =>
  expected === 'no_stream' ? -1 : expected;

const sqlState = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;

/** Errors of one append's own data (a malformed value, a broken constraint), not of the database as a whole. */
const isDataError = (error: unknown) => /^2[23]/.test(sqlState(error) ?? '');

const constraintOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'constraint' in error ? String(error.constraint) : undefined;

export interface PostgresEventStore extends EventStore {
  /** The append, with rows another table gets in the same statement (`Alongside`). */
  append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision; alongside?: Alongside },
  ): Promise<AppendResult>;
  /** Reads the feed inside a caller's transaction (projections apply and checkpoint in one transaction). */
  readFeedIn(executor: Db, after: Checkpoint, limit: number): Promise<RecordedEvent[]>;
  /** The feed for a reader of some event types only, inside a caller's transaction (see readFeedOfTypes). */
  readFeedOfTypesIn(
    executor: Db,
    after: Checkpoint,
    limit: number,
    types: readonly string[] | undefined,
  ): Promise<FeedBatch>;
  /** The readable end, and whether an event of these types lies after `after` (see feedTailOfTypes). */
  feedTailOfTypes(executor: Db, after: Checkpoint, types: readonly string[] | undefined): Promise<FeedTail>;
  /** The feed checkpoint of the newest readable event. */
  head(executor?: Db): Promise<Checkpoint>;
  /** The global position of the newest event, readable yet or not (0 when the log is empty). */
  lastPosition(): Promise<number>;
  /**
   * How far a reader at `checkpoint` is behind the newest readable event (`positionLag` against `head()`): one
   * index probe, where counting the rows left grows with the lag.
   */
  lag(checkpoint: Checkpoint, executor?: Db): Promise<number>;
  /**
   * Several appends at once, each with the outcome `append` would give it alone (its result, or its error: a
   * failing append never fails the others). Appends to distinct streams with a known expected revision go in one
   * statement; an append to a stream already in it, or with 'any', runs after it on its own.
   */
  appendMany(requests: readonly AppendRequest[]): Promise<PromiseSettledResult<AppendResult>[]>;
}

/** The PostgreSQL event store, on a real server or on PGlite. */
export const createPostgresEventStore = (
  database: Database,
  options: PostgresEventStoreOptions = {},
): PostgresEventStore => {
  const { db } = database;
  const upcast = options.upcast;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const waker = createWaker();
  let notifyTimer: NodeJS.Timeout | undefined;

  // Other processes learn of new events through one coalesced NOTIFY, sent outside the append transaction:
  // a NOTIFY inside every append serialises commits. Its payload names this store, whose listener passes over its
  // own: the append woke this process's readers already, and a second wake sent them reading the feed again.
  const instance = randomUUID();
  const scheduleNotify = () => {
    if (database.kind !== 'postgres' || notifyTimer) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = undefined;
      execute(db, `NOTIFY ${NOTIFY_CHANNEL}, '${instance}'`).catch(() => {});
    }, options.notifyCoalesceMs ?? 5);
    notifyTimer.unref?.();
  };

  // The LISTEN connection lives as long as the store: when the server goes away it dies with it, so it is
  // opened again (polling covers the gap) rather than leaving this process deaf to other processes' appends.
  let closed = false;
  let listener: PoolClient | undefined;
  let relistenTimer: NodeJS.Timeout | undefined;
  let listening: Promise<void> = Promise.resolve();
  const listen = async () => {
    if (database.kind !== 'postgres' || !database.pool || closed) return;
    let client: PoolClient | undefined;
    try {
      client = await database.pool.connect();
      const current = client;
      current.on('notification', (message) => {
        if (message.payload !== instance) waker.wake();
      });
      current.on('error', (error) => {
        if (listener !== current) return;
        listener = undefined;
        current.release(error);
        relisten();
      });
      await current.query(`LISTEN ${NOTIFY_CHANNEL}`);
      if (closed) throw new Error('closed');
      listener = current;
      // Notifications sent while it was away are lost: readers look again now.
      waker.wake();
    } catch (error) {
      if (client && listener !== client) client.release(error instanceof Error ? error : true);
      relisten();
    }
  };
  const relisten = () => {
    if (closed || relistenTimer) return;
    relistenTimer = setTimeout(() => {
      relistenTimer = undefined;
      listening = listen();
    }, RELISTEN_DELAY_MS);
    relistenTimer.unref?.();
  };
  listening = listen();

  // One prepared statement per shape, straight on the pool: parsed and planned once per connection.
  // Answers the positions of the appended events (none when the check refused the append). Rows as arrays: the
  // cheapest result for pg to build on this path.
  const runAppend = async (name: string | undefined, text: string, values: unknown[]): Promise<number[]> => {
    if (database.pool) {
      const result = await queryOnPool<[number]>(database.pool, { name, text, values, rowMode: 'array' });
      return result.rows.map((row) => Number(row[0]));
    }
    return (await execute<{ position: number }>(db, text, values)).map((row) => Number(row.position));
  };

  // Each shape of statement with rows alongside (table, columns, counts), built once and named by its rank: a
  // prepared statement's name must always stand for the same text.
  const alongsideStatements = new Map<string, { name: string; text: string }>();
  const alongsideStatement = (shape: string, build: () => string) => {
    let statement = alongsideStatements.get(shape);
    if (!statement) {
      statement = { name: `es_append_alongside_${alongsideStatements.size + 1}`, text: build() };
      alongsideStatements.set(shape, statement);
    }
    return statement;
  };

  const findExisting = async (
    streamId: string,
    appended: readonly NewEvent[],
  ): Promise<AppendResult | undefined> => {
    const rows = await events(db)
      .selectFrom('es_events')
      .select(['stream_id', 'stream_revision', 'position'])
      .where(
        'id',
        'in',
        appended.map((event) => event.id),
      )
      .orderBy('position')
      .execute();
    if (rows.length !== appended.length || rows.some((row) => row.stream_id !== streamId)) return undefined;
    const last = rows[rows.length - 1]!;
    return { revision: Number(last.stream_revision), position: Number(last.position) };
  };

  const currentRevision = async (streamId: string): Promise<number> => {
    const row = await events(db)
      .selectFrom('es_events')
      .select((eb) => eb.fn.max('stream_revision').as('revision'))
      .where('stream_id', '=', streamId)
      .executeTakeFirst();
    return row?.revision == null ? -1 : Number(row.revision);
  };

  const appendOne = async (
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
    alongside?: Alongside,
  ): Promise<AppendResult> => {
    if (events.length === 0) throw new Error('append needs at least one event');
    if (!validExpected(expectedRevision))
      throw new RangeError(`Invalid expected revision ${expectedRevision}`);
    const single = events.length === 1 ? events[0] : undefined;
    const fields = single
      ? [single.id, single.type, JSON.stringify(single.data), JSON.stringify(single.metadata)]
      : [
          JSON.stringify(
            events.map((event) => ({
              id: event.id,
              type: event.type,
              data: event.data,
              metadata: event.metadata,
            })),
          ),
        ];
    for (let attempt = 0; ; attempt++) {
      // 'any' appends after the last revision read just before: a stream that moves on meanwhile makes the
      // insert collide with the unique key, and the loop tries again on top of it.
      const expected =
        expectedRevision === 'any' ? await currentRevision(streamId) : expectedToNumber(expectedRevision);
      let positions: number[] = [];
      let lostRace = false;
      let collided = false;
      let refusedAlongside = false;
      try {
        const held = alongside?.held ?? [];
        if (alongside && (alongside.rows.length > 0 || held.length > 0)) {
          // A prepared statement per table and count of rows and keys held (usually one or the other, one each);
          // an unusual count runs unprepared rather than leave a statement behind on every connection.
          const { rows } = alongside;
          const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
          const build = () =>
            appendAlongsideSql(
              single ? ONE_EVENT : MANY_EVENTS,
              alongside,
              columns,
              rows.length,
              held.length,
              3 + fields.length,
            );
          const shape = [single ? 'one' : 'many', alongside.table, columns, rows.length, held.length].join(
            ' ',
          );
          const { name, text } =
            rows.length + held.length <= MAX_PREPARED_ALONGSIDE
              ? alongsideStatement(shape, build)
              : { name: undefined, text: build() };
          positions = await runAppend(name, text, [
            streamId,
            expected,
            ...fields,
            ...rows.flatMap((row) => columns.map((column) => row[column] ?? null)),
            ...held,
          ]);
        } else {
          positions = single
            ? await runAppend('es_append_one', APPEND_ONE_SQL, [streamId, expected, ...fields])
            : await runAppend('es_append_many', APPEND_MANY_SQL, [streamId, expected, ...fields]);
        }
      } catch (error) {
        if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
        const constraint = constraintOf(error);
        if (constraint?.startsWith('es_events')) collided = true;
        // A row alongside whose key was there already: refused for its rows (unless it is a retry, found below).
        else refusedAlongside = alongside !== undefined;
        lostRace = constraint === 'es_events_stream_revision_key';
      }
      if (positions.length > 0) {
        waker.wake();
        scheduleNotify();
        const position = positions.reduce((last, next) => Math.max(last, next));
        return { revision: expected + events.length, position };
      }
      // Nothing appended: a duplicate key, or no row because the expected revision is not the stream's last
      // one (or a newer transaction wrote that one). A retry of an append that already happened answers the
      // first result (idempotent by event id).
      const existing = await findExisting(streamId, events);
      if (existing) return existing;
      // With no expectation, losing a race for the next revision only means: try again on top of it.
      if (expectedRevision === 'any' && lostRace && attempt < 20) continue;
      const current = await currentRevision(streamId);
      // A row alongside there already, or no row, no collision and the stream where it was expected (a key held
      // that is gone): the rows alongside refused it.
      if (refusedAlongside || (alongside && !collided && current === expected)) {
        throw new AlongsideRefusedError(streamId, expectedRevision, current);
      }
      throw new WrongExpectedRevisionError(streamId, expectedRevision, current);
    }
  };

  /** One statement for appends to distinct streams: the stream and position of every row it inserted. */
  const runBatch = async (requests: readonly AppendRequest[]): Promise<[string, number][]> => {
    const rows = JSON.stringify(
      requests.flatMap(({ streamId, events, expectedRevision, alongside }) => {
        const needs = alongside
          ? [...alongside.rows.map((row) => row[alongside.key]), ...(alongside.held ?? [])]
          : null;
        return events.map((event, index) => ({
          stream_id: streamId,
          expected: expectedToNumber(expectedRevision as number | 'no_stream'),
          ord: index + 1,
          id: event.id,
          type: event.type,
          data: event.data,
          metadata: event.metadata,
          needs,
        }));
      }),
    );
    // Rows alongside and held keys, once each (two appends about one new person bring the same key); one table
    // per batch.
    const first = requests.find(
      (request) =>
        request.alongside && (request.alongside.rows.length > 0 || (request.alongside.held?.length ?? 0) > 0),
    )?.alongside;
    const byKey = new Map<unknown, Record<string, unknown>>();
    const held = new Set<string>();
    if (first) {
      for (const request of requests) {
        for (const row of request.alongside?.rows ?? []) byKey.set(row[first.key], row);
        for (const key of request.alongside?.held ?? []) held.add(key);
      }
    }
    // A statement per table and shape: rows to insert (their columns), keys held, or both.
    const withHeld = held.size > 0;
    const columns = Object.keys([...byKey.values()][0] ?? {});
    const { name, text } = first
      ? alongsideStatement(['batch', first.table, columns, withHeld].join(' '), () =>
          appendBatchSql({ ...first, columns, withHeld }),
        )
      : { name: 'es_append_batch', text: APPEND_BATCH_SQL };
    const values = [
      rows,
      ...(columns.length > 0 ? [JSON.stringify([...byKey.values()])] : []),
      ...(withHeld ? [JSON.stringify([...held])] : []),
    ];
    if (database.pool) {
      const result = await queryOnPool<[string, string]>(database.pool, {
        name,
        text,
        values,
        rowMode: 'array',
      });
      return result.rows.map(([streamId, position]) => [streamId, Number(position)]);
    }
    return (await execute<{ stream_id: string; position: string }>(db, text, values)).map((row) => [
      row.stream_id,
      Number(row.position),
    ]);
  };

  const store: PostgresEventStore = {
    readFeedIn: (executor, after, limit) => readFeed(executor, after, limit, upcast),
    readFeedOfTypesIn: (executor, after, limit, types) =>
      readFeedOfTypes(executor, after, limit, types, upcast),
    feedTailOfTypes: (executor, after, types) => feedTailOfTypes(executor, after, types, upcast),

    head: (executor = db) => readableEnd(executor),

    async lag(checkpoint, executor = db) {
      return positionLag(checkpoint, await store.head(executor));
    },

    append: (streamId, events, { expectedRevision, alongside }) =>
      appendOne(streamId, events, expectedRevision, alongside),

    async appendMany(requests) {
      const outcomes: PromiseSettledResult<AppendResult>[] = new Array(requests.length);
      const settle = async (index: number, run: () => Promise<AppendResult>) => {
        try {
          outcomes[index] = { status: 'fulfilled', value: await run() };
        } catch (error) {
          outcomes[index] = { status: 'rejected', reason: error };
        }
      };
      const alone = (index: number) => {
        const { streamId, events, expectedRevision, alongside } = requests[index]!;
        return settle(index, () => appendOne(streamId, events, expectedRevision, alongside));
      };
      const grouped: number[] = [];
      const later: number[] = [];
      const streams = new Set<string>();
      requests.forEach((request, index) => {
        if (
          request.expectedRevision === 'any' ||
          request.events.length === 0 ||
          !validExpected(request.expectedRevision) ||
          streams.has(request.streamId)
        ) {
          later.push(index);
        } else {
          streams.add(request.streamId);
          grouped.push(index);
        }
      });
      if (grouped.length === 1) later.unshift(grouped.pop()!);
      if (grouped.length > 0) {
        let rows: [string, number][] | undefined;
        try {
          rows = await runBatch(grouped.map((index) => requests[index]!));
        } catch (error) {
          // One append's data broke the statement for all (a duplicate id, a taken revision, a malformed value):
          // each runs again alone and meets its own outcome. Anything else (the database away) fails them all.
          if (!isDataError(error)) {
            for (const index of grouped) outcomes[index] = { status: 'rejected', reason: error };
          } else later.unshift(...grouped);
        }
        if (rows) {
          const appended = new Map<string, { count: number; position: number }>();
          for (const [streamId, position] of rows) {
            const seen = appended.get(streamId);
            appended.set(streamId, {
              count: (seen?.count ?? 0) + 1,
              position: Math.max(seen?.position ?? 0, Number(position)),
            });
          }
          if (rows.length > 0) {
            waker.wake();
            scheduleNotify();
          }
          for (const index of grouped) {
            const { streamId, events, expectedRevision } = requests[index]!;
            const done = appended.get(streamId);
            // No row: the check refused it. Alone, it finds whether it is a retry or a conflict.
            if (!done) later.push(index);
            else {
              outcomes[index] = {
                status: 'fulfilled',
                value: {
                  revision: expectedToNumber(expectedRevision as number | 'no_stream') + events.length,
                  position: done.position,
                },
              };
            }
          }
        }
      }
      // The rest one stream at a time, in the order asked, streams side by side.
      const byStream = new Map<string, number[]>();
      for (const index of later.sort((a, b) => a - b)) {
        const streamId = requests[index]!.streamId;
        byStream.set(streamId, [...(byStream.get(streamId) ?? []), index]);
      }
      await Promise.all(
        [...byStream.values()].map(async (indexes) => {
          for (const index of indexes) await alone(index);
        }),
      );
      return outcomes;
    },

    async readStream(streamId, { fromRevision = 0 } = {}) {
      const rows = await events(db)
        .selectFrom('es_events')
        .select((eb) => [
          'position',
          eb.cast<string>('txid', 'text').as('txid'),
          'stream_id',
          'stream_revision',
          'id',
          'type',
          'data',
          'metadata',
          'recorded_at',
        ])
        .where('stream_id', '=', streamId)
        .where('stream_revision', '>=', fromRevision)
        .orderBy('stream_revision')
        .execute();
      return rows.map((row) => toRecorded(row, upcast));
    },

    readAll({ after = START, limit = 1000 } = {}) {
      return readFeed(db, after, limit, upcast);
    },

    async *subscribe({ after = START, signal, batchSize = 500 } = {}) {
      let checkpoint = after;
      let idleWait = 5;
      while (!signal?.aborted) {
        const batch = await readFeed(db, checkpoint, batchSize, upcast);
        for (const event of batch) {
          if (signal?.aborted) return;
          yield event;
          checkpoint = { txid: event.txid, position: event.position };
        }
        if (batch.length === batchSize) continue;
        if (batch.length > 0) idleWait = 5;
        // Right after a wake-up an older transaction may still hide new rows: look again soon, backing off.
        const woke = await waker.wait(Math.min(idleWait, pollIntervalMs), signal);
        idleWait = woke ? 5 : Math.min(idleWait * 2, pollIntervalMs);
      }
    },

    waitForEvents: (timeoutMs, signal) => waker.wait(timeoutMs, signal),

    async checkpointOf(position) {
      const row = await events(db)
        .selectFrom('es_events')
        .select((eb) => [eb.cast<string>('txid', 'text').as('txid'), 'position'])
        .where('position', '=', position)
        .executeTakeFirst();
      return row ? { txid: row.txid, position: Number(row.position) } : undefined;
    },

    async lastPosition() {
      const row = await events(db)
        .selectFrom('es_events')
        .select((eb) => eb.fn.max('position').as('last'))
        .executeTakeFirst();
      return Number(row?.last ?? 0);
    },

    async close() {
      if (notifyTimer) clearTimeout(notifyTimer);
      waker.wake();
      closed = true;
      if (relistenTimer) clearTimeout(relistenTimer);
      await listening;
      const client = listener;
      listener = undefined;
      if (client) {
        await client.query(`UNLISTEN ${NOTIFY_CHANNEL}`).catch(() => {});
        client.release();
      }
    },
  };
  return store;
};
