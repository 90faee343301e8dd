import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { type AppendComparison, eventSizes, runAppendSuite } from './append';
import { appendLegend, appendTable, appendTargets } from './append-report';
import { type BenchConfig, readConfig } from './config';
import { closeBench, type Opened, openBench } from './open';
import { type OverloadResult, overloadTable, readOverloadSettings, runOverloadSuite } from './overload';
import { type ProjectionSuiteResult, runProjectionSuiteInChild } from './projection';
import { type ReadsSuiteResult, readsTable, runReadsSuite } from './reads';
import { projectionTable, writeResults } from './report';
import {
  createScratchDatabase,
  redactUrl,
  type ScratchDatabase,
  type ServerInfo,
  ServerUnreachableError,
  serverInfo,
} from './server';
import { runVaultSuite, type VaultSuiteResult, vaultTable } from './vault';
import { measureWebWeight } from './web-weight';

const log = (message: string) => process.stderr.write(`${message}\n`);

const selection = (config: BenchConfig) =>
  `best and median of ${config.appendRounds} round${config.appendRounds === 1 ? '' : 's'}; each round runs every side once, in an order that changes ` +
  `per round, after a ${config.warmupSeconds} s warm-up of each side`;

const flag = (name: string): boolean =>
  ['1', 'true', 'yes'].includes((process.env[name] ?? '').toLowerCase());

const runLength = (config: BenchConfig) =>
  config.count ? `${config.count} appends per writer` : `${config.seconds} s`;

const main = async (): Promise<number> => {
  const config = readConfig();
  const skipAppend = flag('BENCH_SKIP_APPEND');
  const skipOverload = flag('BENCH_SKIP_OVERLOAD');
  const overloadSettings = readOverloadSettings();
  const startedAt = new Date();
  const loadBefore = loadavg();
  const web = await measureWebWeight({ log });
  /** Every scratch database made, dropped after its suites and again on the way out (drop is idempotent). */
  const scratches: ScratchDatabase[] = [];
  let server: Opened | undefined;
  let embedded: Opened | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= (async () => {
      await closeBench(server);
      await closeBench(embedded);
      for (const database of scratches) {
        await database
          .drop()
          .catch((error: unknown) => log(`Could not drop ${database.name}: ${String(error)}`));
      }
    })();
    return cleaning;
  };
  const interrupt = (signal: NodeJS.Signals) => {
    log(`\n${signal}: dropping the benchmark database…`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  let info: ServerInfo;
  let append: AppendComparison[] = [];
  let vault: VaultSuiteResult | undefined;
  let overload: OverloadResult | undefined;
  let reads: ReadsSuiteResult | undefined;
  let projection: ProjectionSuiteResult | undefined;
  let pgliteAppend: AppendComparison[] | undefined;
  /** A suite on a fresh database of its own, dropped after it: it starts from the same state whatever ran before. */
  const onFreshDatabase = async <T>(suite: string, run: (url: string) => Promise<T>): Promise<T> => {
    const database = await createScratchDatabase(config.serverUrl);
    scratches.push(database);
    log(`${suite}, on ${database.name}`);
    const result = await run(database.url);
    await database.drop();
    return result;
  };
  try {
    let scratch: ScratchDatabase;
    try {
      scratch = await createScratchDatabase(config.serverUrl);
      scratches.push(scratch);
    } catch (error) {
      if (!(error instanceof ServerUnreachableError)) throw error;
      log(`${error.message}`);
      log('The benchmark needs a PostgreSQL server: set BENCH_DATABASE_URL (or DATABASE_URL) to one, e.g.');
      log('  BENCH_DATABASE_URL=postgresql://user@host:5432/postgres npm run bench');
      return 1;
    }
    log(
      `Benchmark database ${scratch.name} on ${redactUrl(config.serverUrl)} (${runLength(config)} per run)`,
    );
    server = await openBench({ databaseUrl: scratch.url }, config.poolSize);
    info = await serverInfo(server.database.db);
    log(info.version);
    if (!skipAppend) append = await runAppendSuite({ ...server, config, log });
    if (!flag('BENCH_SKIP_VAULT')) vault = await runVaultSuite({ ...server, config, log });
    await closeBench(server);
    server = undefined;
    await scratch.drop();

    if (!config.skipProjection) {
      projection = await onFreshDatabase('Projection catch-up', (databaseUrl) =>
        runProjectionSuiteInChild(databaseUrl, config, log),
      );
    }

    if (!skipOverload) {
      overload = await onFreshDatabase('Overload', (databaseUrl) =>
        runOverloadSuite({ databaseUrl, settings: overloadSettings, log }),
      );
    }

    if (!flag('BENCH_SKIP_READS')) {
      const events = Number(process.env.BENCH_READS_EVENTS ?? 300_000);
      reads = await onFreshDatabase('Reads at scale', (databaseUrl) =>
        runReadsSuite({ databaseUrl, events, samples: 200, log }),
      );
    }

    if (config.pglite) {
      log('PGlite (in memory)');
      embedded = await openBench({ dataDir: 'memory://' }, config.poolSize);
      pgliteAppend = await runAppendSuite({ ...embedded, config, log });
      await closeBench(embedded);
      embedded = undefined;
    }
  } finally {
    await cleanup();
  }

  const finishedAt = new Date();
  const loadAfter = loadavg();
  const cpuList = cpus();
  const base = `${selection(config)}; ${runLength(config)} per run`;
  const heading = `${base}, pool ${config.poolSize}`;
  const out: string[] = [];
  if (append.length > 0) {
    out.push(
      '',
      appendTable(
        `Appends — event store vs raw INSERT on ${info.version.split(' on ')[0]} (${heading})`,
        append,
      ),
    );
    const warnings = appendTargets(append);
    if (warnings.length > 0) out.push('', ...warnings);
  }
  if (projection) {
    const { seed } = projection;
    out.push(
      '',
      projectionTable(
        `Projection catch-up from zero — ${seed.events} events, batches of ${projection.comparisons[0]?.batchSize}, ` +
          `one connection; baseline: the same rows, one transaction per batch (best of ${config.rounds})`,
        projection,
      ),
      `(seeded at ${seed.eventsPerSec.toFixed(0)} events/s: ${seed.writers} writers, ${seed.appends} appends ` +
        `of ≤${seed.eventsPerAppend} events)`,
    );
  }
  if (pgliteAppend) out.push('', appendTable(`PGlite in memory, one connection (${base})`, pgliteAppend));
  if (append.length > 0) {
    out.push('', appendLegend(append));
  }
  if (vault) out.push('', vaultTable(vault));
  if (overload) out.push('', overloadTable(overload));
  if (reads) out.push('', readsTable(reads));

  // Taken before the benchmark loads the machine itself: other work sharing the CPUs makes the ratios noisy.
  if (loadBefore[0]! > cpuList.length * 0.5) {
    out.push(
      `! The machine was already busy (1-min load ${loadBefore[0]!.toFixed(1)} on ${cpuList.length} CPUs ` +
        'before the start): the numbers are noisier than usual; run again on a quiet machine to compare.',
    );
  }
  const path = writeResults(startedAt, {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    machine: {
      node: process.version,
      platform: `${platform()} ${release()}`,
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model ?? 'unknown',
      totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAfter,
    },
    postgres: { server: redactUrl(config.serverUrl), ...info },
    settings: {
      seconds: config.count ? null : config.seconds,
      appendsPerWriter: config.count ?? null,
      warmupSeconds: config.warmupSeconds,
      rounds: config.rounds,
      selection: selection(config),
      poolSize: config.poolSize,
      writers: config.writers,
      eventsPerAppend: config.eventsPerAppend,
      appendsPerStream: config.appendsPerStream,
      expectedRevision: 'exact (no_stream, then the last revision)',
      eventSizes: eventSizes(),
      rawTable: 'bench_raw (id bigserial primary key, stream_id text, data jsonb, metadata jsonb)',
      projectionEvents: config.projectionEvents,
      projectionBatchSize: config.projectionBatchSize,
      checkpointBeforeEachRun: true,
      pglite: config.pglite,
    },
    append,
    projection: projection ?? null,
    vault: vault ?? null,
    overload: overload ?? null,
    reads: reads ?? null,
    pglite: pgliteAppend ? { append: pgliteAppend } : null,
    web,
  });
  out.push(`Results: ${path} (and bench/results/latest.json)`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
