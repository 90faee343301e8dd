// npm run bench:restart: after a kill -9, how long until /health answers 200 again — the compiled server
// (node dist/services/server.js) against tsx compiling TypeScript at start, on PGlite and on PostgreSQL.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../scripts/build';
import { projectRoot } from '../services/paths';
import { freePort } from '../test/support/child-server';
import { resultStamp, writeResultFile } from './report';
import { createScratchDatabase, redactUrl, type ScratchDatabase } from './server';
import { type ServerProcess, startServer } from './server-process';
import { percentile } from './stats';

interface Variant {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

const tsx = join(projectRoot, 'node_modules', '.bin', 'tsx');
const variants: Variant[] = [
  {
    name: 'compiled (node dist/services/server.js)',
    command: process.execPath,
    args: ['--enable-source-maps', 'dist/services/server.js'],
  },
  { name: 'tsx services/server.ts', command: tsx, args: ['services/server.ts'] },
  // What the Docker image ran before it held compiled JavaScript: npm's CLI starts first.
  { name: 'npx tsx services/server.ts', command: 'npx', args: ['tsx', 'services/server.ts'] },
  // A new container has no tsx cache: every start compiles every module again.
  {
    name: 'tsx services/server.ts, no cache',
    command: tsx,
    args: ['services/server.ts'],
    env: { TSX_DISABLE_CACHE: '1' },
  },
];

const runs = Math.max(1, Number(process.env.BENCH_RESTART_RUNS) || 5);
const timeoutMs = 120_000;
const log = (message: string) => process.stderr.write(`${message}\n`);

const runKey = randomBytes(32).toString('base64');

interface Target {
  database: 'pglite' | 'postgres';
  env: NodeJS.ProcessEnv;
}

/** One server at a time on the target; each start follows a kill -9 of the previous one, variants interleaved. */
const measure = async (target: Target, port: number) => {
  const env: NodeJS.ProcessEnv = {
    // Every start of one run opens the same database: one key-encryption key for all (PostgreSQL requires one).
    PERSONAL_DATA_KEY: runKey,
    ...process.env,
    ...target.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  if (target.database === 'pglite') delete env.DATABASE_URL;
  const start = (variant: Variant) =>
    startServer(variant.command, variant.args, {
      cwd: projectRoot,
      env: { ...env, ...variant.env },
      port,
      timeoutMs,
    });
  let current: ServerProcess = start(variants[0]!);
  const firstStartMs = await current.ready;
  log(`${target.database}: first start (migrations) ${firstStartMs.toFixed(0)} ms`);
  const samples = new Map(variants.map((variant) => [variant.name, [] as number[]]));
  try {
    for (let run = 1; run <= runs; run++) {
      for (const variant of variants) {
        await current.kill();
        current = start(variant);
        const ms = await current.ready;
        samples.get(variant.name)!.push(ms);
        log(`${target.database} run ${run}/${runs}: ${variant.name} ${ms.toFixed(0)} ms`);
      }
    }
  } finally {
    await current.kill();
  }
  return {
    database: target.database,
    firstStartMs,
    variants: variants.map((variant) => {
      const ms = samples.get(variant.name)!;
      const sorted = [...ms].sort((a, b) => a - b);
      return {
        variant: variant.name,
        medianMs: percentile(sorted, 50),
        minMs: sorted[0]!,
        maxMs: sorted[sorted.length - 1]!,
        samplesMs: ms,
      };
    }),
  };
};

type Result = Awaited<ReturnType<typeof measure>>;

const table = (results: readonly Result[]): string => {
  const header = ['database', 'server', 'median ms', 'min ms', 'max ms', '× compiled'];
  const rows = results.flatMap((result) =>
    result.variants.map((line) => [
      result.database,
      line.variant,
      line.medianMs.toFixed(0),
      line.minMs.toFixed(0),
      line.maxMs.toFixed(0),
      `${(line.medianMs / result.variants[0]!.medianMs).toFixed(1)}×`,
    ]),
  );
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const format = (cells: readonly string[]) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [format(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(format)].join('\n');
};

const main = async () => {
  const startedAt = new Date();
  const loadBefore = loadavg();
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-restart-'));
  let scratch: ScratchDatabase | undefined;
  const cleanup = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop().catch((error: unknown) => log(`Could not drop ${scratch?.name}: ${String(error)}`));
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

  try {
    log('Compiling the server to dist/ …');
    await buildServer();
    const port = await freePort();
    const results: Result[] = [await measure({ database: 'pglite', env: { DATA_DIR: dataDir } }, port)];
    if (serverUrl) {
      scratch = await createScratchDatabase(serverUrl);
      log(`PostgreSQL: database ${scratch.name} on ${redactUrl(serverUrl)}`);
      results.push(await measure({ database: 'postgres', env: { DATABASE_URL: scratch.url } }, port));
    } else {
      log('PostgreSQL skipped: set BENCH_DATABASE_URL (or DATABASE_URL) to measure it too.');
    }
    const path = writeResultFile(`restart-${resultStamp(startedAt)}.json`, {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: {
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadavg(),
      },
      settings: {
        runs,
        measured: 'spawn → first 200 of GET /health, after SIGKILL of the previous process',
        order: 'variants interleaved within each run, one server at a time',
        pollIntervalMs: 20,
        postgres: serverUrl ? redactUrl(serverUrl) : null,
      },
      results,
    });
    process.stdout.write(`\nRestart after kill -9, median of ${runs}\n${table(results)}\nResults: ${path}\n`);
  } finally {
    await cleanup();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(
      `Restart benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
