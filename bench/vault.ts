import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database } from '../services/db/database';
import { withGroupCommit } from '../services/eventstore/group-commit';
import type { PostgresEventStore } from '../services/eventstore/postgres';
import type { Checkpoint } from '../services/eventstore/types';
import { createVaultedEventStore } from '../services/eventstore/vaulted';
import { allPersonalData } from '../services/privacy/registry';
import { checkKeyEncryptionKey, createVault } from '../services/privacy/vault';
import { type Fixtures, storeWorker } from './append';
import { type BenchConfig, measuredStop, warmupStop } from './config';
import { createAppendFixtures } from './fixtures';
import { postgresCpuMs } from './proc';
import { checkpoint } from './server';
import { median, type RunResult, runWorkers } from './stats';

/**
 * The personal-data vault's cost, side by side in one run: the same `FeedbackSubmitted` appends (a comment on
 * most, each answer its own subject, so most appends create a key) through the plain store and through the
 * vaulted one, each both bare and as the app appends (group commit, services/runtime.ts: appends arriving
 * together share one statement, their new keys included); then, as the app appends, answers naming people
 * whose keys exist already (held by the append, not written); then the same rows read back through each (the
 * vaulted one opens the sealed fields).
 */
export const VAULT_APPEND_TARGET = 0.9;

/** People the known-subjects case cycles over: fewer than the vault keeps in memory (10,000). */
const KNOWN_SUBJECTS = 1000;

/** The append fixtures with every answer's respondent drawn from a fixed set of people, in turn. */
const knownSubjectFixtures = (fixtures: Fixtures): Fixtures => {
  const respondents = Array.from({ length: KNOWN_SUBJECTS }, () => randomUUID());
  let next = 0;
  return {
    ...fixtures,
    events: (link, count) =>
      fixtures.events(link, count).map((event) => ({
        ...event,
        data: { ...(event.data as object), responseId: respondents[next++ % KNOWN_SUBJECTS] },
      })),
  };
};

export interface VaultComparison {
  writers: number;
  /** `store`: each append its own statement; `app`: through group commit, as services/runtime.ts builds it. */
  path: 'store' | 'app';
  /**
   * `new`: each answer its own new subject, whose key the append writes; `known`: answers cycling over
   * KNOWN_SUBJECTS people whose keys exist (in memory after the warm-up), which the append holds.
   */
  subjects: 'new' | 'known';
  plain: RunResult[];
  sealed: RunResult[];
  /** sealed ÷ plain appends per second: median of the rounds' own ratios (target ≥ 0.9, i.e. ≤ 10 % slower). */
  appendRatio: number;
  appendRounds: number[];
  /**
   * CPU time per append, the median over rounds: in this process (the store's own code, sealing included) and in
   * every PostgreSQL process of the machine (µs; NaN when the server is not on this machine).
   */
  cpu: Record<'plain' | 'sealed', CpuPerAppend>;
}

/** CPU time per append (µs): in the store's process, and in PostgreSQL. */
export interface CpuPerAppend {
  nodeUs: number;
  postgresUs: number;
}

export interface VaultSuiteResult {
  appends: VaultComparison[];
  /** Events read per second through each store over the same rows, and sealed ÷ plain (median of rounds). */
  reads: { events: number; plainPerSec: number; sealedPerSec: number; ratio: number; rounds: number[] };
}

const readEverything = async (store: PostgresEventStore, from: Checkpoint, upTo: number) => {
  let after: Checkpoint = from;
  let events = 0;
  const started = performance.now();
  while (events < upTo) {
    const page = await store.readAll({ after, limit: 500 });
    const last = page.at(-1);
    if (!last) break;
    events += page.length;
    after = { txid: last.txid, position: last.position };
  }
  return { events, perSec: (events * 1000) / (performance.now() - started) };
};

export const runVaultSuite = async (context: {
  database: Database;
  store: PostgresEventStore;
  config: BenchConfig;
  log(message: string): void;
}): Promise<VaultSuiteResult> => {
  const { database, store: plain, config, log } = context;
  const kek = randomBytes(32);
  await checkKeyEncryptionKey(database.db, kek);
  const vault = createVault(database.db, { kek, declarations: allPersonalData });
  const sealed = createVaultedEventStore(plain, vault, database.db);
  const fixtures = createAppendFixtures();
  const appends: VaultComparison[] = [];
  // The reads below start where this suite's appends do: earlier suites wrote through the plain store only.
  const before = await plain.head();
  // APPEND_BATCH_MAX's default (services/config.ts).
  const grouped = {
    plain: withGroupCommit(plain, { maxBatch: 100 }),
    sealed: withGroupCommit(sealed, { maxBatch: 100 }),
  };
  // Group commit changes nothing for a lone writer (its append leaves at once): the app's path is run with several.
  const several = config.writers.filter((writers) => writers > 1);
  const cases = [
    ...config.writers.map((writers) => ({ writers, path: 'store' as const, subjects: 'new' as const })),
    ...several.map((writers) => ({ writers, path: 'app' as const, subjects: 'new' as const })),
    ...several.slice(-1).map((writers) => ({ writers, path: 'app' as const, subjects: 'known' as const })),
  ];
  const known = knownSubjectFixtures(fixtures);
  for (const { writers, path, subjects } of cases) {
    const stores = path === 'app' ? grouped : { plain, sealed };
    log(
      `  vault: ${writers} writer${writers === 1 ? '' : 's'} × 1 event/append, ${path === 'app' ? 'as the app appends (group commit)' : 'bare store'}, ${subjects} subjects, plain then sealed`,
    );
    const run = (store: PostgresEventStore, stop: ReturnType<typeof measuredStop>) =>
      runWorkers(
        Array.from({ length: writers }, () =>
          storeWorker(
            store,
            subjects === 'known' ? known : fixtures,
            { writers, eventsPerAppend: 1 },
            config.appendsPerStream,
          ),
        ),
        stop,
      );
    await run(stores.plain, warmupStop(config));
    await run(stores.sealed, warmupStop(config));
    const runs = { plain: [] as RunResult[], sealed: [] as RunResult[] };
    const cpu: Record<'plain' | 'sealed', CpuPerAppend[]> = { plain: [], sealed: [] };
    for (let round = 0; round < config.appendRounds; round++) {
      const sides = round % 2 === 0 ? (['plain', 'sealed'] as const) : (['sealed', 'plain'] as const);
      for (const side of sides) {
        await checkpoint(database.db);
        const node = process.cpuUsage();
        const postgres = postgresCpuMs();
        const result = await run(stores[side], measuredStop(config));
        const used = process.cpuUsage(node);
        runs[side].push(result);
        cpu[side].push({
          nodeUs: (used.user + used.system) / result.ops,
          postgresUs: ((postgresCpuMs() - postgres) * 1000) / result.ops,
        });
        log(`    ${side.padEnd(6)} round ${round + 1}: ${result.opsPerSec.toFixed(0)} appends/s`);
      }
    }
    const rounds = runs.sealed.map((run, i) => run.opsPerSec / runs.plain[i]!.opsPerSec);
    const medianCpu = (side: 'plain' | 'sealed'): CpuPerAppend => ({
      nodeUs: median(cpu[side].map((run) => run.nodeUs)),
      postgresUs: median(cpu[side].map((run) => run.postgresUs)),
    });
    appends.push({
      writers,
      path,
      subjects,
      ...runs,
      appendRatio: median(rounds),
      appendRounds: rounds,
      cpu: { plain: medianCpu('plain'), sealed: medianCpu('sealed') },
    });
  }
  // The suite's rows hold sealed and plain answers alike (the rounds alternate): read the same first ones of them
  // through each store.
  const upTo = 20_000;
  const readRounds: number[] = [];
  const perSec = { plain: [] as number[], sealed: [] as number[] };
  let events = 0;
  for (let round = 0; round < Math.max(3, config.rounds); round++) {
    const first = round % 2 === 0 ? plain : sealed;
    const a = await readEverything(first, before, upTo);
    const b = await readEverything(first === plain ? sealed : plain, before, upTo);
    const [p, s] = first === plain ? [a, b] : [b, a];
    readRounds.push(s.perSec / p.perSec);
    perSec.plain.push(p.perSec);
    perSec.sealed.push(s.perSec);
    events = p.events;
  }
  return {
    appends,
    reads: {
      events,
      plainPerSec: median(perSec.plain),
      sealedPerSec: median(perSec.sealed),
      ratio: median(readRounds),
      rounds: readRounds,
    },
  };
};

const cpuText = ({ nodeUs, postgresUs }: CpuPerAppend) =>
  `${nodeUs.toFixed(0)} µs in the store's process + ${Number.isFinite(postgresUs) ? postgresUs.toFixed(0) : '—'} µs in PostgreSQL`;

export const vaultTable = (result: VaultSuiteResult): string => {
  const lines = [
    'Personal-data vault — the same answers appended and read through the plain store and the vaulted one (median of rounds)',
  ];
  for (const comparison of result.appends) {
    const plainMedian = median(comparison.plain.map((run) => run.opsPerSec));
    const sealedMedian = median(comparison.sealed.map((run) => run.opsPerSec));
    const met = comparison.appendRatio >= VAULT_APPEND_TARGET ? 'met' : 'NOT met';
    const path = comparison.path === 'app' ? 'as the app appends (group commit)' : 'bare store';
    const subjects =
      comparison.subjects === 'known' ? ', known people (keys held)' : ', new people (keys written)';
    lines.push(
      `  appends, ${comparison.writers} writer${comparison.writers === 1 ? '' : 's'} × 1, ${path}${subjects}: plain ${plainMedian.toFixed(0)}/s, sealed ${sealedMedian.toFixed(0)}/s` +
        ` = ${comparison.appendRatio.toFixed(2)}× (target ≥ ${VAULT_APPEND_TARGET}×, ≤ 10 % slower: ${met}; rounds ${comparison.appendRounds.map((r) => r.toFixed(2)).join(' ')})`,
      `    CPU per append: plain ${cpuText(comparison.cpu.plain)}, sealed ${cpuText(comparison.cpu.sealed)}`,
    );
  }
  const { reads } = result;
  lines.push(
    `  reads of the first ${reads.events} events: plain ${reads.plainPerSec.toFixed(0)}/s, opened ${reads.sealedPerSec.toFixed(0)}/s; opened ÷ plain ${reads.ratio.toFixed(2)}× (median of the rounds' own ratios)`,
  );
  return lines.join('\n');
};
