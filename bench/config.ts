import type { StopRule } from './stats';

export interface BenchConfig {
  /** The server to benchmark on; a fresh database is created there. */
  serverUrl: string;
  seconds: number;
  warmupSeconds: number;
  /** Appends per writer per run; when set it replaces the duration. */
  count?: number;
  rounds: number;
  /** Rounds of the append comparisons: enough for a median (BENCH_ROUNDS sets both). */
  appendRounds: number;
  poolSize: number;
  writers: readonly number[];
  eventsPerAppend: readonly number[];
  appendsPerStream: number;
  projectionEvents: number;
  projectionBatchSize: number;
  pglite: boolean;
  skipProjection: boolean;
  skipEmmett: boolean;
}

const number = (name: string, fallback: number, min = 0): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  return value;
};

const list = (name: string, fallback: readonly number[]): readonly number[] => {
  const raw = process.env[name];
  if (!raw) return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < 1)) {
    throw new Error(`${name} must be a comma-separated list of positive integers, got "${raw}"`);
  }
  return values;
};

const flag = (name: string): boolean =>
  ['1', 'true', 'yes'].includes((process.env[name] ?? '').toLowerCase());

export const readConfig = (): BenchConfig => {
  const count = number('BENCH_COUNT', 0);
  return {
    serverUrl:
      process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgresql://root@127.0.0.1:5432/test',
    seconds: number('BENCH_SECONDS', 5, 0.1),
    warmupSeconds: number('BENCH_WARMUP_SECONDS', 1),
    count: count > 0 ? Math.round(count) : undefined,
    rounds: Math.max(1, Math.round(number('BENCH_ROUNDS', 2, 1))),
    appendRounds: Math.max(1, Math.round(number('BENCH_ROUNDS', 7, 1))),
    poolSize: 20,
    writers: list('BENCH_WRITERS', [1, 16]),
    eventsPerAppend: list('BENCH_EVENTS_PER_APPEND', [1, 10]),
    appendsPerStream: 100,
    projectionEvents: Math.round(number('BENCH_PROJECTION_EVENTS', 100_000, 100)),
    projectionBatchSize: 500,
    pglite: flag('BENCH_PGLITE'),
    skipProjection: flag('BENCH_SKIP_PROJECTION'),
    skipEmmett: flag('BENCH_SKIP_EMMETT'),
  };
};

export const measuredStop = (config: BenchConfig): StopRule =>
  config.count ? { kind: 'count', perWorker: config.count } : { kind: 'duration', ms: config.seconds * 1000 };

export const warmupStop = (config: BenchConfig): StopRule => ({
  kind: 'duration',
  ms: config.warmupSeconds * 1000,
});
