import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppendComparison, describeScenario } from './append';
import type { ProjectionSuiteResult } from './projection';
import type { RunResult } from './stats';

export const RATIO_TARGET = 0.7;

interface Line {
  scenario: string;
  storeOps: number;
  storeItems?: number;
  baselineOps: number;
  ratio: number;
  store: RunResult;
  baseline: RunResult;
}

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const latency = (run: RunResult) => `${fixed(run.latencyMs.p50, 2)} / ${fixed(run.latencyMs.p99, 2)}`;

interface Labels {
  store: string;
  storeItems?: string;
  baseline: string;
  latency: string;
}

const renderTable = (title: string, lines: readonly Line[], labels: Labels): string => {
  const header = [
    'scenario',
    labels.store,
    ...(labels.storeItems ? [labels.storeItems] : []),
    labels.baseline,
    'ratio',
    `store p50 / p99 ms ${labels.latency}`,
    'baseline p50 / p99 ms',
  ];
  const rows = lines.map((line) => [
    line.scenario,
    fixed(line.storeOps),
    ...(labels.storeItems ? [fixed(line.storeItems ?? Number.NaN)] : []),
    fixed(line.baselineOps),
    `${fixed(line.ratio, 2)}×`,
    latency(line.store),
    latency(line.baseline),
  ]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const format = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  return [title, format(header), rule, ...rows.map(format)].join('\n');
};

export const appendTable = (title: string, comparisons: readonly AppendComparison[]): string =>
  renderTable(
    title,
    comparisons.map((c) => ({
      scenario: `append ${describeScenario(c)}`,
      storeOps: c.store.opsPerSec,
      storeItems: c.store.itemsPerSec,
      baselineOps: c.raw.opsPerSec,
      ratio: c.ratio,
      store: c.store,
      baseline: c.raw,
    })),
    {
      store: 'store appends/s',
      storeItems: 'store events/s',
      baseline: 'raw INSERTs/s',
      latency: 'per append',
    },
  );

export const projectionTable = (title: string, result: ProjectionSuiteResult): string =>
  renderTable(
    title,
    result.comparisons.flatMap((c) => [
      {
        scenario: `catch-up ${c.projection} vs multi-row INSERT`,
        storeOps: c.store.itemsPerSec,
        baselineOps: c.baseline.itemsPerSec,
        ratio: c.ratio,
        store: c.store,
        baseline: c.baseline,
      },
      {
        scenario: `catch-up ${c.projection} vs per-row INSERT`,
        storeOps: c.store.itemsPerSec,
        baselineOps: c.baselinePerRow.itemsPerSec,
        ratio: c.ratioPerRow,
        store: c.store,
        baseline: c.baselinePerRow,
      },
    ]),
    { store: 'store events/s', baseline: 'baseline rows/s', latency: 'per batch' },
  );

/** Remarks on ratios below the target at the highest writer count. */
export const appendWarnings = (comparisons: readonly AppendComparison[]): string[] => {
  const most = Math.max(...comparisons.map((c) => c.writers));
  return comparisons
    .filter((c) => c.writers === most && most > 1 && c.ratio < RATIO_TARGET)
    .map(
      (c) =>
        `! ${describeScenario(c)}: ratio ${c.ratio.toFixed(2)}× is below the ${RATIO_TARGET}× target ` +
        `(store ${c.store.opsPerSec.toFixed(0)} vs raw ${c.raw.opsPerSec.toFixed(0)} ops/s)`,
    );
};

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

/** `results/` file names sort by time: the ISO timestamp with the colons a file name cannot always hold. */
export const resultStamp = (date: Date): string => date.toISOString().replace(/:/g, '-');

/** Writes `results/<name>` as indented JSON; answers its path. */
export const writeResultFile = (name: string, report: unknown): string => {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, name);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
};

/** Writes `results/<timestamp>.json` and `results/latest.json`; answers the timestamped path. */
export const writeResults = (startedAt: Date, report: unknown): string => {
  writeResultFile('latest.json', report);
  return writeResultFile(`${resultStamp(startedAt)}.json`, report);
};
