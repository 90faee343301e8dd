import type { Database } from '../services/db/database';
import { execute } from '../services/db/database';
import type { EventStore, NewEvent } from '../services/eventstore/types';
import { type BenchConfig, measuredStop, warmupStop } from './config';
import { createAppendFixtures, jsonBytes, type LinkFixture } from './fixtures';
import { checkpoint } from './server';
import { best, type RunResult, runWorkers, type StopRule, type Worker } from './stats';

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

export interface AppendComparison extends AppendScenario {
  store: RunResult;
  raw: RunResult;
  storeRuns: RunResult[];
  rawRuns: RunResult[];
  /** Event store appends/s ÷ raw INSERTs/s (best run of each). */
  ratio: number;
  order: string[];
}

type Fixtures = ReturnType<typeof createAppendFixtures>;

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

const storeWorker = (
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

export interface AppendContext {
  database: Database;
  store: EventStore;
  config: BenchConfig;
  log(message: string): void;
}

export const describeScenario = ({ writers, eventsPerAppend }: AppendScenario): string =>
  `${writers} writer${writers === 1 ? '' : 's'} × ${eventsPerAppend} event${eventsPerAppend === 1 ? '' : 's'}/append`;

/** Warm-up of both sides, then `rounds` rounds alternating which side goes first (raw→store, store→raw, …). */
export const compareAppends = async (
  context: AppendContext,
  scenario: AppendScenario,
): Promise<AppendComparison> => {
  const { database, store, config } = context;
  const fixtures = createAppendFixtures();
  const perStream = config.appendsPerStream;
  const run = async (side: 'raw' | 'store', stop: StopRule) => {
    const workers = Array.from({ length: scenario.writers }, () =>
      side === 'store'
        ? storeWorker(store, fixtures, scenario, perStream)
        : rawWorker(database, fixtures, scenario, perStream),
    );
    return runWorkers(workers, stop);
  };
  await run('raw', warmupStop(config));
  await run('store', warmupStop(config));
  const rawRuns: RunResult[] = [];
  const storeRuns: RunResult[] = [];
  const order: string[] = [];
  for (let round = 0; round < config.rounds; round++) {
    const sides: ('raw' | 'store')[] = round % 2 === 0 ? ['raw', 'store'] : ['store', 'raw'];
    for (const side of sides) {
      await checkpoint(database.db);
      const result = await run(side, measuredStop(config));
      (side === 'raw' ? rawRuns : storeRuns).push(result);
      order.push(side);
      context.log(
        `    ${side.padEnd(5)} round ${round + 1}: ${result.opsPerSec.toFixed(0)} ops/s, p50 ${result.latencyMs.p50.toFixed(2)} ms`,
      );
    }
  }
  const storeBest = best(storeRuns);
  const rawBest = best(rawRuns);
  return {
    ...scenario,
    store: storeBest,
    raw: rawBest,
    storeRuns,
    rawRuns,
    ratio: storeBest.opsPerSec / rawBest.opsPerSec,
    order,
  };
};

export const runAppendSuite = async (context: AppendContext): Promise<AppendComparison[]> => {
  await execute(context.database.db, RAW_TABLE_DDL);
  const results: AppendComparison[] = [];
  for (const writers of context.config.writers) {
    for (const eventsPerAppend of context.config.eventsPerAppend) {
      const scenario = { writers, eventsPerAppend };
      context.log(`  append: ${describeScenario(scenario)}`);
      results.push(await compareAppends(context, scenario));
    }
  }
  return results;
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
