import { performance } from 'node:perf_hooks';
import { evidenceProjection } from '../projections/evidence/projection';
import { feedbackProjection } from '../projections/feedback/projection';
import type { Projection } from '../projections/runner/projection';
import { ensureProjection, runBatch } from '../projections/runner/runner';
import type { Database, Db } from '../services/db/database';
import { execute } from '../services/db/database';
import type { PostgresEventStore } from '../services/eventstore/postgres';
import type { NewEvent } from '../services/eventstore/types';
import type { FeedbackLinkOpened, FeedbackSubmitted } from '../services/feedback/events';
import { feedbackEvidence } from '../services/feedback/events';
import type { EvidenceDeclaration } from '../services/kernel/evidence';
import type { BenchConfig } from './config';
import { buildProjectionSeed, type ProjectionSeed } from './fixtures';
import { checkpoint } from './server';
import { best, type RunResult, runWorkers, summarise, type Worker } from './stats';

/** A row a projection writes, as the baseline inserts it. */
interface Row {
  table: string;
  values: unknown[];
}

interface Target {
  projection: Projection;
  /** The rows the projection writes for one event, in the projection's column order. */
  rows(event: NewEvent, position: number): Row[];
  /** table → columns, for the baseline's INSERTs. */
  columns: Record<string, readonly string[]>;
}

const FEEDBACK_COLUMNS = {
  feedback_links: ['id', 'organisation_id', 'session_id', 'audience', 'created_at', 'expires_at'],
  feedback_responses: [
    'id',
    'organisation_id',
    'link_id',
    'session_id',
    'training_action_id',
    'audience',
    'rating',
    'comment',
    'submitted_at',
  ],
} as const;

const EVIDENCE_COLUMNS = {
  evidence_items: [
    'event_id',
    'indicator',
    'organisation_id',
    'occurred_at',
    'kind',
    'title',
    'summary',
    'source_type',
    'source_id',
    'event_type',
    'position',
  ],
} as const;

const feedbackTarget: Target = {
  projection: feedbackProjection,
  columns: FEEDBACK_COLUMNS,
  rows(event) {
    const { organisationId, occurredAt } = event.metadata;
    if (event.type === 'FeedbackLinkOpened') {
      const data = event.data as FeedbackLinkOpened['data'];
      return [
        {
          table: 'feedback_links',
          values: [
            data.linkId,
            organisationId,
            data.session.sessionId,
            data.audience,
            occurredAt,
            data.expiresAt,
          ],
        },
      ];
    }
    const data = event.data as FeedbackSubmitted['data'];
    return [
      {
        table: 'feedback_responses',
        values: [
          data.responseId,
          organisationId,
          data.linkId,
          data.sessionId,
          data.trainingActionId,
          data.audience,
          data.rating,
          data.comment,
          occurredAt,
        ],
      },
    ];
  },
};

const evidenceTarget: Target = {
  projection: evidenceProjection(feedbackEvidence),
  columns: EVIDENCE_COLUMNS,
  rows(event, position) {
    const declaration = (feedbackEvidence as Record<string, EvidenceDeclaration<never> | undefined>)[
      event.type
    ];
    if (!declaration) return [];
    const data = event.data as never;
    const source = declaration.source(data);
    return declaration.indicators.map((indicator) => ({
      table: 'evidence_items',
      values: [
        event.id,
        indicator,
        event.metadata.organisationId,
        event.metadata.occurredAt,
        declaration.kind,
        declaration.title(data),
        declaration.summary?.(data) ?? null,
        source.type,
        source.id,
        event.type,
        position,
      ],
    }));
  },
};

const scratch = (table: string) => `bench_${table}`;

const placeholders = (rowCount: number, width: number): string =>
  Array.from(
    { length: rowCount },
    (_, row) => `(${Array.from({ length: width }, (_, col) => `$${row * width + col + 1}`).join(', ')})`,
  ).join(', ');

/** One transaction per batch of events; `multiRow`: one INSERT per table and batch, else one INSERT per row. */
const insertBatch = async (database: Database, target: Target, rows: readonly Row[], multiRow: boolean) => {
  await database.db.transaction().execute(async (tx: Db) => {
    if (!multiRow) {
      for (const row of rows) {
        const columns = target.columns[row.table]!;
        await execute(
          tx,
          `INSERT INTO ${scratch(row.table)} (${columns.join(', ')}) VALUES ${placeholders(1, columns.length)}`,
          row.values,
        );
      }
      return;
    }
    for (const [table, columns] of Object.entries(target.columns)) {
      const ofTable = rows.filter((row) => row.table === table);
      if (ofTable.length === 0) continue;
      await execute(
        tx,
        `INSERT INTO ${scratch(table)} (${columns.join(', ')}) VALUES ${placeholders(ofTable.length, columns.length)}`,
        ofTable.flatMap((row) => row.values),
      );
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
  for (const target of [feedbackTarget, evidenceTarget]) {
    const { projection } = target;
    log(`  catch-up: ${projection.name}`);
    await ensureProjection(database, store, projection, batchSize);
    const tables = Object.keys(target.columns);
    for (const table of tables) {
      await execute(db, `CREATE TABLE ${scratch(table)} (LIKE ${table} INCLUDING ALL)`);
    }
    // The baseline writes the same rows in the same batches (500 events' rows per transaction).
    const batches: Row[][] = [];
    for (let from = 0; from < ordered.length; from += batchSize) {
      batches.push(
        ordered.slice(from, from + batchSize).flatMap((event, i) => target.rows(event, from + i + 1)),
      );
    }
    const rowCount = batches.reduce((total, batch) => total + batch.length, 0);

    const runBaseline = async (multiRow: boolean): Promise<RunResult> => {
      await execute(db, `TRUNCATE ${tables.map(scratch).join(', ')}`);
      await checkpoint(db);
      let index = 0;
      const worker: Worker<Row[] | undefined> = {
        prepare: () => batches[index++],
        async execute(batch) {
          if (!batch) return 0;
          await insertBatch(database, target, batch, multiRow);
          return batch.length;
        },
      };
      const result = await runWorkers([worker], { kind: 'count', perWorker: batches.length });
      const written = await sumRows(database, tables.map(scratch));
      if (written !== rowCount) throw new Error(`baseline wrote ${written} rows, expected ${rowCount}`);
      return result;
    };

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
        const count = await runBatch(database, store, projection, batchSize);
        if (count === 0) break;
        latencies.push(performance.now() - t0);
        events += count;
      }
      const elapsedMs = performance.now() - started;
      if (events !== ordered.length)
        throw new Error(`${projection.name} read ${events} events, expected ${ordered.length}`);
      const written = await sumRows(database, projection.tables);
      if (written !== rowCount)
        throw new Error(`${projection.name} wrote ${written} rows, expected ${rowCount}`);
      return {
        ops: latencies.length,
        items: events,
        elapsedMs,
        opsPerSec: (latencies.length * 1000) / elapsedMs,
        itemsPerSec: (events * 1000) / elapsedMs,
        latencyMs: summarise(latencies),
      };
    };

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
      rows: rowCount,
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
