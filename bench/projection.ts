import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { allProjections } from '../projections/index';
import type { Projection } from '../projections/runner/projection';
import { ensureProjection, runBatch } from '../projections/runner/runner';
import type { Database, Db } from '../services/db/database';
import { execute } from '../services/db/database';
import type { PostgresEventStore } from '../services/eventstore/postgres';
import type { BenchConfig } from './config';
import { buildProjectionSeed, type ProjectionSeed } from './fixtures';
import { checkpoint } from './server';
import { best, type RunResult, runWorkers, summarise, type Worker } from './stats';

/** A row a projection wrote, read back from its table, as the baseline inserts it again. */
type Row = Record<string, unknown>;

/** The projections the app runs, by name: the bench measures their own code. */
const projectionNamed = (name: string): Projection => {
  const projection = allProjections.find((candidate) => candidate.name === name);
  if (!projection) throw new Error(`No projection ${name}`);
  return projection;
};

const scratch = (table: string) => `bench_${table}`;

/** Every row of the projection's tables, by table: what the baseline writes again. */
const capturedRows = async (database: Database, tables: readonly string[]) => {
  const byTable: Record<string, Row[]> = {};
  for (const table of tables) byTable[table] = await execute<Row>(database.db, `SELECT * FROM ${table}`);
  return byTable;
};

/** The captured rows cut into `count` batches, each holding its share of every table. */
const cutIntoBatches = (byTable: Record<string, Row[]>, count: number): Record<string, Row[]>[] =>
  Array.from({ length: count }, (_, index) =>
    Object.fromEntries(
      Object.entries(byTable).map(([table, rows]) => {
        const size = Math.ceil(rows.length / count);
        return [table, rows.slice(index * size, (index + 1) * size)];
      }),
    ),
  );

const placeholders = (rowCount: number, width: number): string =>
  Array.from(
    { length: rowCount },
    (_, row) => `(${Array.from({ length: width }, (_, col) => `$${row * width + col + 1}`).join(', ')})`,
  ).join(', ');

/** One transaction per batch; `multiRow`: one INSERT per table and batch, else one INSERT per row. */
const insertBatch = async (database: Database, batch: Record<string, Row[]>, multiRow: boolean) => {
  await database.db.transaction().execute(async (tx: Db) => {
    for (const [table, rows] of Object.entries(batch)) {
      if (rows.length === 0) continue;
      const columns = Object.keys(rows[0]!);
      const values = (row: Row) => columns.map((column) => row[column]);
      const insert = `INSERT INTO ${scratch(table)} (${columns.join(', ')}) VALUES `;
      if (multiRow) {
        await execute(tx, insert + placeholders(rows.length, columns.length), rows.flatMap(values));
      } else {
        for (const row of rows) await execute(tx, insert + placeholders(1, columns.length), values(row));
      }
    }
  });
};

const sumRows = async (database: Database, tables: readonly string[]): Promise<number> => {
  let total = 0;
  for (const table of tables) {
    const [row] = await execute<{ count: number }>(
      database.db,
      `SELECT count(*)::int AS count FROM ${table}`,
    );
    total += Number(row?.count ?? 0);
  }
  return total;
};

export interface SeedResult {
  events: number;
  streams: number;
  appends: number;
  eventsPerAppend: number;
  writers: number;
  elapsedMs: number;
  eventsPerSec: number;
}

/** Appends the data set as fast as it goes: 16 writers, each appending whole link streams in chunks. */
const seedStore = async (
  store: PostgresEventStore,
  seed: ProjectionSeed,
  chunk = 50,
): Promise<SeedResult> => {
  const writers = 16;
  let next = 0;
  let appends = 0;
  const started = performance.now();
  const writer = async () => {
    for (let index = next++; index < seed.streams.length; index = next++) {
      const { link, events } = seed.streams[index]!;
      let revision = -1;
      for (let from = 0; from < events.length; from += chunk) {
        const slice = events.slice(from, from + chunk);
        const result = await store.append(link.streamId, slice, {
          expectedRevision: revision === -1 ? 'no_stream' : revision,
        });
        revision = result.revision;
        appends++;
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  const elapsedMs = performance.now() - started;
  return {
    events: seed.total,
    streams: seed.streams.length,
    appends,
    eventsPerAppend: chunk,
    writers,
    elapsedMs,
    eventsPerSec: (seed.total * 1000) / elapsedMs,
  };
};

export interface CatchUpComparison {
  projection: string;
  events: number;
  rows: number;
  batchSize: number;
  /** The projection catching up from zero: items = events read, ops = batches (one transaction each). */
  store: RunResult;
  /** Multi-row INSERTs of the same rows, one transaction per batch: items = rows. */
  baseline: RunResult;
  /** One INSERT per row, one transaction per batch (the projection's own statement pattern). */
  baselinePerRow: RunResult;
  ratio: number;
  ratioPerRow: number;
  storeRuns: RunResult[];
  baselineRuns: RunResult[];
  baselinePerRowRuns: RunResult[];
}

export interface ProjectionSuiteResult {
  seed: SeedResult;
  comparisons: CatchUpComparison[];
}

export interface ProjectionContext {
  database: Database;
  store: PostgresEventStore;
  config: BenchConfig;
  log(message: string): void;
}

export const runProjectionSuite = async (context: ProjectionContext): Promise<ProjectionSuiteResult> => {
  const { database, store, config, log } = context;
  const { db } = database;
  const batchSize = config.projectionBatchSize;
  // The catch-up reads the whole log: start it empty, so it holds exactly the data set.
  await execute(db, 'TRUNCATE es_events RESTART IDENTITY');
  await execute(db, 'DROP TABLE IF EXISTS bench_raw');
  const seedData = buildProjectionSeed(config.projectionEvents);
  log(`  seeding ${seedData.total} events on ${seedData.streams.length} link streams…`);
  const seed = await seedStore(store, seedData);
  log(
    `    ${seed.eventsPerSec.toFixed(0)} events/s (${seed.appends} appends of ≤${seed.eventsPerAppend} events)`,
  );
  await execute(db, 'VACUUM ANALYZE es_events');

  const ordered = seedData.streams.flatMap((stream) => stream.events);
  const comparisons: CatchUpComparison[] = [];
  for (const projection of ['feedback', 'evidence'].map(projectionNamed)) {
    log(`  catch-up: ${projection.name}`);
    await ensureProjection(database, store, projection, batchSize);
    const tables = projection.tables;
    for (const table of tables) {
      await execute(db, `CREATE TABLE ${scratch(table)} (LIKE ${table} INCLUDING ALL)`);
    }

    let batches: Record<string, Row[]>[] = [];
    const runBaseline = async (multiRow: boolean): Promise<RunResult> => {
      await execute(db, `TRUNCATE ${tables.map(scratch).join(', ')}`);
      await checkpoint(db);
      let index = 0;
      const worker: Worker<Record<string, Row[]> | undefined> = {
        prepare: () => batches[index++],
        async execute(batch) {
          if (!batch) return 0;
          await insertBatch(database, batch, multiRow);
          return Object.values(batch).reduce((total, rows) => total + rows.length, 0);
        },
      };
      const result = await runWorkers([worker], { kind: 'count', perWorker: batches.length });
      const written = await sumRows(database, tables.map(scratch));
      if (written !== rowCount) throw new Error(`baseline wrote ${written} rows, expected ${rowCount}`);
      return result;
    };

    let rowCount: number | undefined;
    const runStore = async (): Promise<RunResult> => {
      await execute(db, `TRUNCATE ${projection.tables.join(', ')}`);
      await execute(db, `UPDATE projection_checkpoints SET txid = '0', position = 0 WHERE name = $1`, [
        projection.name,
      ]);
      await checkpoint(db);
      const latencies: number[] = [];
      let events = 0;
      const started = performance.now();
      for (;;) {
        const t0 = performance.now();
        const batch = await runBatch(database, store, projection, batchSize);
        if (batch.moved) latencies.push(performance.now() - t0);
        events += batch.applied;
        if (!batch.more) break;
      }
      const elapsedMs = performance.now() - started;
      if (events !== ordered.length)
        throw new Error(`${projection.name} read ${events} events, expected ${ordered.length}`);
      const written = await sumRows(database, projection.tables);
      if (rowCount !== undefined && written !== rowCount)
        throw new Error(`${projection.name} wrote ${written} rows, expected ${rowCount}`);
      rowCount = written;
      return {
        ops: latencies.length,
        items: events,
        elapsedMs,
        opsPerSec: (latencies.length * 1000) / elapsedMs,
        itemsPerSec: (events * 1000) / elapsedMs,
        latencyMs: summarise(latencies),
      };
    };

    // The baseline writes the rows the projection itself wrote, in as many transactions as it took batches.
    await runStore();
    batches = cutIntoBatches(await capturedRows(database, tables), Math.ceil(ordered.length / batchSize));

    const storeRuns: RunResult[] = [];
    const baselineRuns: RunResult[] = [];
    const perRowRuns: RunResult[] = [];
    for (let round = 0; round < config.rounds; round++) {
      const steps: [string, () => Promise<RunResult>, RunResult[]][] = [
        ['raw multi-row', () => runBaseline(true), baselineRuns],
        ['raw per-row', () => runBaseline(false), perRowRuns],
        ['projection', runStore, storeRuns],
      ];
      if (round % 2 === 1) steps.reverse();
      for (const [label, step, into] of steps) {
        const result = await step();
        into.push(result);
        log(`    ${label.padEnd(13)} round ${round + 1}: ${result.itemsPerSec.toFixed(0)} rows or events/s`);
      }
    }
    const storeBest = best(storeRuns);
    const baseline = best(baselineRuns);
    const baselinePerRow = best(perRowRuns);
    comparisons.push({
      projection: projection.name,
      events: ordered.length,
      rows: rowCount ?? 0,
      batchSize,
      store: storeBest,
      baseline,
      baselinePerRow,
      ratio: storeBest.itemsPerSec / baseline.itemsPerSec,
      ratioPerRow: storeBest.itemsPerSec / baselinePerRow.itemsPerSec,
      storeRuns,
      baselineRuns,
      baselinePerRowRuns: perRowRuns,
    });
  }
  return { seed, comparisons };
};

const childEntry = fileURLToPath(new URL('./projection-process.ts', import.meta.url));

/**
 * Runs the suite, both sides (the projection and its baselines), in a Node process of its own on `databaseUrl`,
 * as the app runs its projections in a server process: what the suites before it leave in the bench's process
 * must not weigh on a side that runs our code in Node more than its baseline does. In whole runs with it in the
 * bench's process, after the appends (Emmett's included) and the vault, the same code measured 0.44–0.50×; after
 * the vault alone, 0.70× and 0.80× (bench/README.md).
 */
export const runProjectionSuiteInChild = (
  databaseUrl: string,
  config: BenchConfig,
  log: (message: string) => void,
): Promise<ProjectionSuiteResult> =>
  new Promise((resolve, reject) => {
    // The same Node flags as this process: tsx's loader among them.
    const child = fork(childEntry, [], { serialization: 'advanced', stdio: 'inherit' });
    let settled = false;
    child.on('message', (message: { log?: string; result?: ProjectionSuiteResult; error?: string }) => {
      if (message.log !== undefined) log(message.log);
      else if (message.result) {
        settled = true;
        resolve(message.result);
      } else if (message.error !== undefined) {
        settled = true;
        reject(new Error(`projection catch-up process: ${message.error}`));
      }
    });
    child.once('exit', (code, signal) => {
      if (!settled)
        reject(new Error(`projection catch-up process ended (${signal ?? code}) without a result`));
    });
    child.send({ databaseUrl, config });
  });
