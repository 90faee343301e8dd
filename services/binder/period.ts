import { lastHeldAuditEnd } from '../../projections/audits/queries';
import type { Db } from '../db/database';
import { addCalendarDays } from '../kernel/working-days';

/** The year before `to`, both ends included: 2025-12-01 → 2026-11-30 (a 29 February starts on 1 March). */
export const yearBefore = (to: string) => {
  const sameDay = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
  return addCalendarDays(sameDay.endsWith('-02-29') ? sameDay.replace(/29$/, '28') : sameDay, 1);
};

/** A binder's default first day for a period ending `to`: the day after the last audit held, else a year back. */
export const defaultBinderFrom = async (db: Db, organisationId: string, to: string) => {
  const lastAudit = await lastHeldAuditEnd(db, organisationId, to);
  return lastAudit && lastAudit < to ? addCalendarDays(lastAudit, 1) : yearBefore(to);
};
