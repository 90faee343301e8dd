import { performance } from 'node:perf_hooks';
import { findBinderExport } from '../projections/binder/queries';
import type { AppContext } from '../services/app';
import { requestOf } from '../services/binder/runner';
import { createBinderSource } from '../services/binder/source';

export const BINDER_TIME_TARGET_MS = 10_000;
export const BINDER_MEMORY_TARGET_MB = 300;
/** The size the targets are set for (issue 12): an organisation of about 100,000 events. */
export const BINDER_TARGET_EVENTS = 100_000;

export interface BinderBenchResult {
  items: number;
  events: number;
  bytes: number;
  /** From the request to the archive written and recorded. */
  writeMs: number;
  /** Baseline: reading what the binder reads (every item of every indicator, every event) and nothing else. */
  readMs: number;
  /** Highest resident memory above the level before the binder, sampled every 20 ms. */
  peakRssMb: number;
}

/**
 * One audit binder of the whole seeded organisation, through the app (request, runner, ZIP with PDF, tables,
 * chained events and signature), timed against reading the same rows through the same source.
 */
export const measureBinder = async (
  context: AppContext,
  cookie: string,
  organisationId: string,
): Promise<BinderBenchResult> => {
  const requested = await context.app.inject({
    method: 'POST',
    url: '/api/binder-exports',
    headers: { cookie },
    payload: {},
  });
  if (requested.statusCode !== 201) throw new Error(`binder request failed: ${requested.body}`);
  const { id } = requested.json() as { id: string };
  await context.runner.catchUp();

  const row = await findBinderExport(context.database.db, organisationId, id);
  if (!row) throw new Error('binder request not projected');
  const readStarted = performance.now();
  const source = await createBinderSource({ db: context.database.db }, requestOf(row));
  let read = 0;
  for (const indicator of source.indicators) for await (const _ of source.items(indicator.number)) read++;
  for await (const _ of source.events()) read++;
  const readMs = performance.now() - readStarted;

  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    await context.binderRunner.drain();
  } finally {
    clearInterval(sampler);
  }
  const writeMs = performance.now() - started;
  await context.runner.catchUp();
  const done = await findBinderExport(context.database.db, organisationId, id);
  if (done?.status !== 'completed') throw new Error(`binder not written: ${done?.status} ${done?.failure}`);
  if (read === 0) throw new Error('the binder read nothing');
  return {
    items: done.items ?? 0,
    events: done.events ?? 0,
    bytes: Number(done.bytes),
    writeMs,
    readMs,
    peakRssMb: (peak - before) / 1e6,
  };
};

export const binderTable = (result: BinderBenchResult): string => {
  // Judged only near the size the targets are for: the write grows with the organisation.
  const judged = Math.abs(result.events - BINDER_TARGET_EVENTS) <= BINDER_TARGET_EVENTS * 0.15;
  const verdict = (met: boolean) =>
    judged
      ? met
        ? 'met'
        : 'NOT MET'
      : `set for ${BINDER_TARGET_EVENTS.toLocaleString('en')} events, not judged here`;
  return [
    `Audit binder of the whole organisation — ${result.items} items, ${result.events} chained events, ` +
      `${(result.bytes / 1e6).toFixed(1)} MB ZIP; baseline: reading the same items and events`,
    `write ${(result.writeMs / 1000).toFixed(1)} s (target ≤ ${BINDER_TIME_TARGET_MS / 1000} s: ${verdict(result.writeMs <= BINDER_TIME_TARGET_MS)}), ` +
      `read ${(result.readMs / 1000).toFixed(1)} s, ratio ${(result.writeMs / result.readMs).toFixed(2)}× the read; ` +
      `peak memory +${result.peakRssMb.toFixed(0)} MB RSS (target ≤ ${BINDER_MEMORY_TARGET_MB} MB: ${verdict(result.peakRssMb <= BINDER_MEMORY_TARGET_MB)})`,
  ].join('\n');
};
