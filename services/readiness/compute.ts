import { lastHeldAuditEnd, nextPlannedAudit } from '../../projections/audits/queries';
import { addMonths } from '../audits/cycle';
import type { AuditKind } from '../audits/events';
import { type BinderReadiness, binderReferential } from '../binder/source';
import type { Db } from '../db/database';
import { addCalendarDays } from '../kernel/working-days';
import {
  evaluateReadiness,
  type IndicatorReadiness,
  type ReadinessCounts,
  readinessCounts,
} from './evaluate';
import { gatherReadinessFacts, type ReadinessPeriod } from './facts';
import { READINESS_RULES } from './rules';

export interface Readiness {
  period: ReadinessPeriod;
  /** The day readiness is seen from. */
  today: string;
  indicators: readonly IndicatorReadiness[];
  counts: ReadinessCounts;
}

/** The period an audit looks back on, ending `to`: from the day after the last audit held, else a year back. */
export const defaultReadinessPeriod = async (
  db: Db,
  organisationId: string,
  to: string,
): Promise<ReadinessPeriod> => {
  const lastAudit = await lastHeldAuditEnd(db, organisationId, to);
  const from =
    lastAudit && lastAudit < to ? addCalendarDays(lastAudit, 1) : addCalendarDays(addMonths(to, -12), 1);
  return { from, to };
};

/**
 * Audit readiness of an organisation over a period, seen on `today`: the facts gathered once, then every rule
 * checked on each indicator. By default the indicators are those applicable to the organisation under the
 * referential in force on `today`.
 */
export const computeReadiness = async (
  db: Db,
  organisationId: string,
  period: ReadinessPeriod,
  today: string,
  options: { indicators?: readonly number[]; asOfPosition?: number } = {},
): Promise<Readiness> => {
  const indicators = options.indicators ?? (await binderReferential(db, organisationId, today)).applicable;
  const facts = await gatherReadinessFacts(db, organisationId, period, today, {
    indicators,
    asOfPosition: options.asOfPosition,
  });
  const evaluated = evaluateReadiness(facts, READINESS_RULES, indicators);
  return { period, today, indicators: evaluated, counts: readinessCounts(evaluated) };
};

/**
 * Readiness as an audit binder states it: over the binder's period, seen on its last day, for the indicators it
 * covers, the evidence counted up to its log position; reasons in French.
 */
export const binderReadiness =
  (db: Db): BinderReadiness =>
  async (request) => {
    const readiness = await computeReadiness(
      db,
      request.organisationId,
      { from: request.from, to: request.to },
      request.to,
      { indicators: request.indicators, asOfPosition: request.asOfPosition },
    );
    return new Map(
      readiness.indicators.map((indicator) => [
        indicator.number,
        { status: indicator.status, reasons: indicator.reasons.map((reason) => reason.fr) },
      ]),
    );
  };

const daysFrom = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export interface NextAudit {
  /** Its first planned day. */
  date: string;
  /** Calendar days from `today` to it; 0 once it has started. */
  daysLeft: number;
  kind: AuditKind;
}

/** The next audit planned and not yet over, or null when none is planned. */
export const nextAudit = async (db: Db, organisationId: string, today: string): Promise<NextAudit | null> => {
  const audit = await nextPlannedAudit(db, organisationId, today);
  if (!audit) return null;
  return {
    date: audit.planned_from,
    daysLeft: Math.max(0, daysFrom(today, audit.planned_from)),
    kind: audit.kind,
  };
};
