import type { Db } from '../db/database';
import { binderReadiness } from '../readiness/compute';
import type { BinderRequest } from './content';
import type { StatedReadiness } from './events';
import type { BinderReadiness } from './source';

/** Readiness as a binder request states it in its event: plain JSON, keyed by indicator number. */
export const stateReadiness = async (db: Db, request: BinderRequest): Promise<StatedReadiness> => {
  const readiness = await binderReadiness(db)(request);
  const stated: StatedReadiness = {};
  for (const [indicator, { status, reasons }] of readiness)
    stated[String(indicator)] = { status, reasons: [...reasons] };
  return stated;
};

/** The readiness a binder states, read back from its request (undefined: none was stated). */
export const readinessOf = (stated: StatedReadiness | null | undefined): BinderReadiness | undefined =>
  stated
    ? async () => new Map(Object.entries(stated).map(([indicator, value]) => [Number(indicator), value]))
    : undefined;
