import { APPEND_TARGET, type AppendComparison, describeScenario, EMMETT_TARGET, medianRun } from './append';
import { median, type RunResult } from './stats';

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const latency = (run: RunResult | undefined) =>
  run ? `${fixed(run.latencyMs.p50, 2)} / ${fixed(run.latencyMs.p99, 2)}` : '—';
const ops = (runs: readonly RunResult[] | undefined) =>
  runs?.length ? fixed(median(runs.map((run) => run.opsPerSec))) : '—';
const times = (value: number | undefined) => (value === undefined ? '—' : `${fixed(value, 2)}×`);

/**
 * The append table: median throughput of each side, store ÷ raw and store ÷ Emmett as best (best run ÷ best run)
 * and median (of each round's own ratio), and the latencies of each side's median run.
 */
export const appendTable = (title: string, comparisons: readonly AppendComparison[]): string => {
  const withEmmett = comparisons.some((c) => c.vsEmmett);
  const header = [
    'scenario',
    'store appends/s',
    'store events/s',
    'raw INSERTs/s',
    'store/raw best',
    'store/raw median',
    ...(withEmmett ? ['Emmett appends/s', 'store/Emmett best', 'store/Emmett median'] : []),
    'p50 / p99 ms: store',
    'raw',
    ...(withEmmett ? ['Emmett'] : []),
  ];
  const rows = comparisons.map((c) => [
    `append ${describeScenario(c)}`,
    ops(c.storeRuns),
    fixed(median(c.storeRuns.map((run) => run.itemsPerSec))),
    ops(c.rawRuns),
    times(c.vsRaw.best),
    times(c.vsRaw.median),
    ...(withEmmett ? [ops(c.emmettRuns), times(c.vsEmmett?.best), times(c.vsEmmett?.median)] : []),
    latency(medianRun(c.storeRuns)),
    latency(medianRun(c.rawRuns)),
    ...(withEmmett ? [latency(c.emmettRuns?.length ? medianRun(c.emmettRuns) : undefined)] : []),
  ]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const format = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  return [title, format(header), rule, ...rows.map(format)].join('\n');
};

/** One line per target: met or not, with the figures. */
export const appendTargets = (comparisons: readonly AppendComparison[]): string[] =>
  comparisons.flatMap((c) =>
    c.targets.map(
      (t) =>
        `${t.met ? '✓' : '!'} ${describeScenario(c)}: ${t.name} ${t.value.toFixed(2)}× ` +
        `${t.met ? 'meets' : 'is below'} the ≥ ${t.target}× target ` +
        `(rounds: ${(t.name.includes('Emmett') ? c.vsEmmett?.rounds : c.vsRaw.rounds)?.map((r) => r.toFixed(2)).join(' ')})`,
    ),
  );

export const appendLegend = (comparisons: readonly AppendComparison[]): string =>
  `ratios = event store ÷ the other side's throughput: best = best run ÷ best run; median = median over rounds of ` +
  `the ratio within each round. Targets: ≥ ${APPEND_TARGET.medianVsRaw}× raw as the median at ` +
  `${describeScenario(APPEND_TARGET)}` +
  (comparisons.some((c) => c.vsEmmett)
    ? `; ≥ ${EMMETT_TARGET.median}× Emmett as the median at ${EMMETT_TARGET.writers} writers.`
    : '.');
