import type { Database } from '../services/db/database';
import { execute } from '../services/db/database';
import type { EventStore, NewEvent } from '../services/eventstore/types';
import { type BenchConfig, measuredStop, warmupStop } from './config';
import { type EmmettContestant, openEmmett } from './emmett';
import { createAppendFixtures, jsonBytes, type LinkFixture } from './fixtures';
import { checkpoint } from './server';
import { best, median, type RunResult, runWorkers, type StopRule, type Worker } from './stats';

export const RAW_TABLE_DDL = `CREATE TABLE IF NOT EXISTS bench_raw (
  id bigserial PRIMARY KEY,
  stream_id text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL
)`;

export interface AppendScenario {
  writers: number;
  eventsPerAppend: number;
}

/** The goal: at 16 writers × 1 event, the store reaches at least 0.85× a raw INSERT as the median of rounds. */
export const APPEND_TARGET = { writers: 16, eventsPerAppend: 1, medianVsRaw: 0.85 } as const;
/**
 * Against Emmett's PostgreSQL event store: at least 2.5× as the median of rounds, with 16 writers (1 and 10 events).
 * With one writer each append waits for its own commit's flush, on every side: there even a raw INSERT is only
 * about 2.3× Emmett (measured here), and no store can pass the raw INSERT.
 */
export const EMMETT_TARGET = { writers: 16, median: 2.5 } as const;

/** Event store throughput ÷ another side's: of the best runs, and the median of each round's own ratio. */
export interface Ratio {
  best: number;
  median: number;
  /** store ÷ other in each round (the two ran one after the other, so a busy moment hits both). */
  rounds: number[];
}

export interface AppendComparison extends AppendScenario {
  /** Best run of each side (the highest throughput). */
  store: RunResult;
  raw: RunResult;
  emmett?: RunResult;
  storeRuns: RunResult[];
  rawRuns: RunResult[];
  emmettRuns?: RunResult[];
  /** Event store appends/s ÷ raw INSERTs/s (best run of each); `vsRaw.best` as well. */
  ratio: number;
  vsRaw: Ratio;
  vsEmmett?: Ratio;
  /** The targets this scenario is held to, and whether the run met them. */
  targets: { name: string; target: number; value: number; met: boolean }[];
  order: string[];
}

/** The run of median throughput (the lower of the middle two for an even count): its latencies are typical. */
export const medianRun = (runs: readonly RunResult[]): RunResult =>
  [...runs].sort((a, b) => a.opsPerSec - b.opsPerSec)[Math.floor((runs.length - 1) / 2)]!;

const ratioOf = (store: readonly RunResult[], other: readonly RunResult[]): Ratio => {
  const rounds = store.map((run, i) => run.opsPerSec / other[i]!.opsPerSec);
  return { best: best(store).opsPerSec / best(other).opsPerSec, median: median(rounds), rounds };
};

export type Fixtures = ReturnType<typeof createAppendFixtures>;

/** Each writer owns its streams: a new one every `appendsPerStream` appends. */
const streamRotation = (fixtures: Fixtures, appendsPerStream: number) => {
  let link: LinkFixture = fixtures.link();
  let appends = 0;
  return {
    /** The stream of the next append, and whether it is a new stream. */
    next(): { link: LinkFixture; fresh: boolean } {
      if (appends < appendsPerStream) return { link, fresh: appends === 0 };
      link = fixtures.link();
      appends = 0;
      return { link, fresh: true };
    },
    appended() {
      appends++;
    },
  };
};

interface StoreInput {
  link: LinkFixture;
  fresh: boolean;
  events: NewEvent[];
}

/** A writer appending through a store, with the exact expected revision (exported for the vault bench). */
export const storeWorker = (
  store: EventStore,
  fixtures: Fixtures,
  scenario: AppendScenario,
  appendsPerStream: number,
): Worker<StoreInput> => {
  const rotation = streamRotation(fixtures, appendsPerStream);
  let revision = -1;
  return {
    prepare() {
      const { link, fresh } = rotation.next();
      return { link, fresh, events: fixtures.events(link, scenario.eventsPerAppend) };
    },
    async execute({ link, fresh, events }) {
      if (fresh) revision = -1;
      const result = await store.append(link.streamId, events, {
        expectedRevision: revision === -1 ? 'no_stream' : revision,
      });
      if (result.revision !== revision + events.length) {
        throw new Error(
          `${link.streamId}: expected revision ${revision + events.length}, got ${result.revision}`,
        );
      }
      revision = result.revision;
      rotation.appended();
      return events.length;
    },
  };
};

const rawInsertSql = (rows: number): string => {
  const values = Array.from(
    { length: rows },
    (_, i) => `($${i * 3 + 1}, $${i * 3 + 2}::jsonb, $${i * 3 + 3}::jsonb)`,
  );
  return `INSERT INTO bench_raw (stream_id, data, metadata) VALUES ${values.join(', ')}`;
};

const rawWorker = (
  database: Database,
  fixtures: Fixtures,
  scenario: AppendScenario,
  appendsPerStream: number,
): Worker<StoreInput> => {
  const rotation = streamRotation(fixtures, appendsPerStream);
  const text = rawInsertSql(scenario.eventsPerAppend);
  return {
    prepare() {
      const { link, fresh } = rotation.next();
      return { link, fresh, events: fixtures.events(link, scenario.eventsPerAppend) };
    },
    async execute({ link, events }) {
      // Serialised here, like the store serialises its payload inside append().
      const params: unknown[] = [];
      for (const event of events) {
        params.push(link.streamId, JSON.stringify(event.data), JSON.stringify(event.metadata));
      }
      await execute(database.db, text, params);
      rotation.appended();
      return events.length;
    },
  };
};

const emmettWorker = (
  emmett: EmmettContestant,
  fixtures: Fixtures,
  scenario: AppendScenario,
  appendsPerStream: number,
): Worker<StoreInput> => {
  const rotation = streamRotation(fixtures, appendsPerStream);
  let version = 0n;
  return {
    prepare() {
      const { link, fresh } = rotation.next();
      return { link, fresh, events: fixtures.events(link, scenario.eventsPerAppend) };
    },
    async execute({ link, fresh, events }) {
      // Emmett counts stream versions from 1: 0 is "no stream yet".
      if (fresh) version = 0n;
      const next = await emmett.append(link.streamId, events, version);
      if (next !== version + BigInt(events.length)) {
        throw new Error(`${link.streamId}: expected version ${version + BigInt(events.length)}, got ${next}`);
      }
      version = next;
      rotation.appended();
      return events.length;
    },
  };
};

export interface AppendContext {
  database: Database;
  store: EventStore;
  config: BenchConfig;
  log(message: string): void;
  /** Emmett's store on the same server, when it runs as a contestant. */
  emmett?: EmmettContestant;
}

type Side = 'raw' | 'store' | 'emmett';

/** Round r's order: the sides rotated by r, reversed every other round (with three sides, six rounds see all six
 * orders; with two, raw→store then store→raw). */
export const roundOrder = (sides: readonly Side[], round: number): Side[] => {
  const rotated = sides.map((_, i) => sides[(i + Math.floor(round / 2)) % sides.length]!);
  return round % 2 === 0 ? rotated : rotated.reverse();
};

export const describeScenario = ({ writers, eventsPerAppend }: AppendScenario): string =>
  `${writers} writer${writers === 1 ? '' : 's'} × ${eventsPerAppend} event${eventsPerAppend === 1 ? '' : 's'}/append`;

/** Warm-up of every side, then `appendRounds` rounds, each running every side once in an order that changes. */
export const compareAppends = async (
  context: AppendContext,
  scenario: AppendScenario,
): Promise<AppendComparison> => {
  const { database, store, config, emmett } = context;
  const fixtures = createAppendFixtures();
  const perStream = config.appendsPerStream;
  const sides: Side[] = emmett ? ['raw', 'store', 'emmett'] : ['raw', 'store'];
  const run = async (side: Side, stop: StopRule) => {
    const workers = Array.from({ length: scenario.writers }, () =>
      side === 'store'
        ? storeWorker(store, fixtures, scenario, perStream)
        : side === 'emmett' && emmett
          ? emmettWorker(emmett, fixtures, scenario, perStream)
          : rawWorker(database, fixtures, scenario, perStream),
    );
    return runWorkers(workers, stop);
  };
  for (const side of sides) await run(side, warmupStop(config));
  const runs: Record<Side, RunResult[]> = { raw: [], store: [], emmett: [] };
  const order: string[] = [];
  for (let round = 0; round < config.appendRounds; round++) {
    for (const side of roundOrder(sides, round)) {
      await checkpoint(database.db);
      const result = await run(side, measuredStop(config));
      runs[side].push(result);
      order.push(side);
      context.log(
        `    ${side.padEnd(6)} round ${round + 1}: ${result.opsPerSec.toFixed(0)} ops/s, p50 ${result.latencyMs.p50.toFixed(2)} ms`,
      );
    }
  }
  const vsRaw = ratioOf(runs.store, runs.raw);
  const vsEmmett = emmett ? ratioOf(runs.store, runs.emmett) : undefined;
  const targets: AppendComparison['targets'] = [];
  if (
    scenario.writers === APPEND_TARGET.writers &&
    scenario.eventsPerAppend === APPEND_TARGET.eventsPerAppend
  ) {
    const target = APPEND_TARGET.medianVsRaw;
    targets.push({ name: 'store/raw median', target, value: vsRaw.median, met: vsRaw.median >= target });
  }
  if (vsEmmett && scenario.writers === EMMETT_TARGET.writers) {
    const target = EMMETT_TARGET.median;
    targets.push({
      name: 'store/Emmett median',
      target,
      value: vsEmmett.median,
      met: vsEmmett.median >= target,
    });
  }
  return {
    ...scenario,
    store: best(runs.store),
    raw: best(runs.raw),
    ...(emmett ? { emmett: best(runs.emmett), emmettRuns: runs.emmett } : {}),
    storeRuns: runs.store,
    rawRuns: runs.raw,
    ratio: vsRaw.best,
    vsRaw,
    ...(vsEmmett ? { vsEmmett } : {}),
    targets,
    order,
  };
};

/** Every scenario; on a server (not PGlite), Emmett's store joins unless BENCH_SKIP_EMMETT is set. */
export const runAppendSuite = async (context: AppendContext): Promise<AppendComparison[]> => {
  await execute(context.database.db, RAW_TABLE_DDL);
  const url = context.database.pool?.options.connectionString;
  const emmett =
    context.emmett ??
    (url && !context.config.skipEmmett ? await openEmmett(url, context.config.poolSize) : undefined);
  try {
    const results: AppendComparison[] = [];
    for (const writers of context.config.writers) {
      for (const eventsPerAppend of context.config.eventsPerAppend) {
        const scenario = { writers, eventsPerAppend };
        context.log(`  append: ${describeScenario(scenario)}`);
        results.push(await compareAppends({ ...context, emmett }, scenario));
      }
    }
    return results;
  } finally {
    if (emmett !== context.emmett) await emmett?.close();
  }
};

/** Mean JSON size of the appended events' data and metadata. */
export const eventSizes = () => {
  const fixtures = createAppendFixtures();
  const events = fixtures.events(fixtures.link(), 100);
  const mean = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) / values.length);
  return {
    dataBytes: mean(events.map((event) => jsonBytes(event.data))),
    metadataBytes: mean(events.map((event) => jsonBytes(event.metadata))),
  };
};
