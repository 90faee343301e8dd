import { performance } from 'node:perf_hooks';

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface RunResult {
  /** Completed operations (appends, inserts, batches). */
  ops: number;
  /** Rows or events the operations wrote. */
  items: number;
  elapsedMs: number;
  opsPerSec: number;
  itemsPerSec: number;
  latencyMs: LatencySummary;
}

/** Nearest-rank percentile of an ascending array. */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
};

export const summarise = (latencies: number[]): LatencySummary => {
  const sorted = Float64Array.from(latencies).sort();
  const values = Array.from(sorted);
  const sum = values.reduce((total, value) => total + value, 0);
  return {
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: values[values.length - 1] ?? Number.NaN,
    mean: values.length ? sum / values.length : Number.NaN,
  };
};

/** When a run stops: after a duration, or after a number of operations per worker. */
export type StopRule = { kind: 'duration'; ms: number } | { kind: 'count'; perWorker: number };

/**
 * A worker prepares its next operation untimed (building events), then `execute` runs it timed.
 * Answers how many items (events, rows) the operation wrote.
 */
export interface Worker<Input> {
  prepare(): Input;
  execute(input: Input): Promise<number>;
}

/** Runs `workers` concurrently until the stop rule says so; throughput counts operations in flight at the end. */
export const runWorkers = async <Input>(
  workers: readonly Worker<Input>[],
  stop: StopRule,
): Promise<RunResult> => {
  const latencies: number[] = [];
  let ops = 0;
  let items = 0;
  const started = performance.now();
  const deadline = stop.kind === 'duration' ? started + stop.ms : Number.POSITIVE_INFINITY;
  let failed = false;
  const loop = async (worker: Worker<Input>) => {
    for (let done = 0; !failed; done++) {
      if (stop.kind === 'count' ? done >= stop.perWorker : performance.now() >= deadline) return;
      const input = worker.prepare();
      const t0 = performance.now();
      try {
        // Not `items += await …`: that reads `items` before the await and loses the other workers' counts.
        const written = await worker.execute(input);
        items += written;
      } catch (error) {
        failed = true;
        throw error;
      }
      latencies.push(performance.now() - t0);
      ops++;
    }
  };
  await Promise.all(workers.map(loop));
  const elapsedMs = performance.now() - started;
  return {
    ops,
    items,
    elapsedMs,
    opsPerSec: (ops * 1000) / elapsedMs,
    itemsPerSec: (items * 1000) / elapsedMs,
    latencyMs: summarise(latencies),
  };
};

/** The run with the highest throughput (the least disturbed by noise). */
export const best = (runs: readonly RunResult[]): RunResult =>
  runs.reduce((winner, run) => (run.opsPerSec > winner.opsPerSec ? run : winner));

export const timed = async <T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
};

/** The middle value (the mean of the middle two for an even count). */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** One round of two sides measured one after the other. */
export interface AlternatingRound<A, B> {
  a: A;
  b: B;
  /** Whether `b` ran first this round. */
  bFirst: boolean;
  ratio: number;
}

/**
 * `rounds` rounds of two sides, one after the other, the order alternating from round to round (`a` first in the
 * first): the rounds, the median of their own ratios, and the round whose ratio is the median (the lower of the
 * middle two for an even count), whose figures are the typical ones to print.
 */
export const alternatingRounds = async <A, B>(options: {
  rounds: number;
  a: () => Promise<A>;
  b: () => Promise<B>;
  ratio: (a: A, b: B) => number;
  onRound?: (round: AlternatingRound<A, B>, index: number) => void;
}) => {
  const rounds: AlternatingRound<A, B>[] = [];
  for (let index = 0; index < options.rounds; index++) {
    const bFirst = index % 2 === 1;
    let a: A;
    let b: B;
    if (bFirst) {
      b = await options.b();
      a = await options.a();
    } else {
      a = await options.a();
      b = await options.b();
    }
    const round = { a, b, bFirst, ratio: options.ratio(a, b) };
    rounds.push(round);
    options.onRound?.(round, index);
  }
  const middle = [...rounds].sort((x, y) => x.ratio - y.ratio)[Math.floor((rounds.length - 1) / 2)];
  if (!middle) throw new RangeError('alternatingRounds needs at least one round');
  return { rounds, middle, median: median(rounds.map((round) => round.ratio)) };
};
