import { badRequest } from '../kernel/errors';
import { addCalendarDays } from '../kernel/working-days';

/**
 * The dates of the Qualiopi audit cycle and of non-conformities' deadlines, as pure functions of Paris calendar days
 * (`YYYY-MM-DD`): no instant, no time zone, so the change of hour never moves a date.
 *
 * "n months after" a day is the same day of the month n months later, or that month's last day when it is shorter
 * (31 January + 1 month = 28 or 29 February; 29 February + 12 months = 28 February; 30 April + 1 month = 30 May).
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsOf = (day: string) => {
  const match = DAY.exec(day);
  const parts = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
  if (
    !parts ||
    parts.month < 1 ||
    parts.month > 12 ||
    parts.day < 1 ||
    parts.day > daysIn(parts.year, parts.month)
  ) {
    throw badRequest('invalid_date', 'A calendar date is written YYYY-MM-DD', { day });
  }
  return parts;
};

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The day `months` months after `day` (before it when negative), clamped to the end of a shorter month. */
export const addMonths = (day: string, months: number): string => {
  const { year, month, day: dayOfMonth } = partsOf(day);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return `${pad(targetYear, 4)}-${pad(targetMonth)}-${pad(Math.min(dayOfMonth, daysIn(targetYear, targetMonth)))}`;
};

/** Whether a string is a real calendar day `YYYY-MM-DD`. */
export const isCalendarDay = (day: string): boolean => {
  try {
    partsOf(day);
    return true;
  } catch {
    return false;
  }
};

/** The surveillance audit's window: from month 14 to month 22 after the certificate's issue, both days included. */
export const SURVEILLANCE_FROM_MONTH = 14;
export const SURVEILLANCE_TO_MONTH = 22;
/** The certificate lasts 3 years: the renewal audit is held before its 36th month ends. */
export const CERTIFICATE_MONTHS = 36;
/** Certifiers advise booking the renewal audit about 8 months before the deadline. */
export const RENEWAL_BOOKING_MONTHS_AHEAD = 8;

export interface CertificationCycle {
  issuedOn: string;
  surveillanceWindow: { from: string; to: string };
  /** The last day the renewal audit may be held (the day before the third anniversary). */
  renewalDeadline: string;
  /** When to book the renewal audit at the latest: 8 months before the third anniversary. */
  renewalBookBy: string;
}

/** The cycle of a certificate issued on `issuedOn`. */
export const certificationCycle = (issuedOn: string): CertificationCycle => {
  const anniversary = addMonths(issuedOn, CERTIFICATE_MONTHS);
  return {
    issuedOn,
    surveillanceWindow: {
      from: addMonths(issuedOn, SURVEILLANCE_FROM_MONTH),
      to: addMonths(issuedOn, SURVEILLANCE_TO_MONTH),
    },
    renewalDeadline: addCalendarDays(anniversary, -1),
    renewalBookBy: addMonths(anniversary, -RENEWAL_BOOKING_MONTHS_AHEAD),
  };
};

/** Whether a surveillance audit planned over these days falls inside the window (a warning, never a refusal). */
export const withinSurveillanceWindow = (cycle: CertificationCycle, from: string, to: string): boolean =>
  from >= cycle.surveillanceWindow.from && to <= cycle.surveillanceWindow.to;

export const NC_GRADES = ['minor', 'major'] as const;
export type NcGrade = (typeof NC_GRADES)[number];

/** A major's corrective actions are effective within 3 months; a minor's action plan is carried out within 6. */
export const NC_DEADLINE_MONTHS: Record<NcGrade, number> = { major: 3, minor: 6 };
/** The certifier checks a major's corrective actions within one more month. */
export const MAJOR_CHECK_MONTHS = 1;

/** The day a non-conformity of this grade notified on `notifiedOn` must be dealt with. */
export const ncDeadline = (grade: NcGrade, notifiedOn: string): string =>
  addMonths(notifiedOn, NC_DEADLINE_MONTHS[grade]);

/** Five or more minors not lifted when the certification decision is taken count as one major. */
export const MINORS_COUNTING_AS_MAJOR = 5;
export const minorsCountAsMajor = (openMinors: number): boolean => openMinors >= MINORS_COUNTING_AS_MAJOR;

/** A deadline is near within these many days (inclusive), then past the day after it. */
export const DEADLINE_NEAR_DAYS = 14;
export type DeadlineState = 'on_track' | 'near' | 'past';

/** Where a deadline stands on `today`: past the day after it, near from 14 days before it. */
export const deadlineState = (deadline: string, today: string): DeadlineState => {
  if (today > deadline) return 'past';
  if (addCalendarDays(today, DEADLINE_NEAR_DAYS) >= deadline) return 'near';
  return 'on_track';
};

/** What a rule needs of a non-conformity. */
export interface NcFacts {
  grade: NcGrade;
  open: boolean;
  notifiedOn: string;
}

/**
 * A minor still open when the next audit is held is requalified as major: one notified before that audit's first
 * day (an NC of the same audit is never "still open at the next audit").
 */
export const requalifiedAtAudit = (nc: NcFacts, auditHeldOn: string): boolean =>
  nc.open && nc.grade === 'minor' && nc.notifiedOn < auditHeldOn;

export type NcWarning =
  | { code: 'minors_count_as_major'; openMinors: number }
  | { code: 'minor_open_at_next_audit'; openMinors: number; nextAuditOn: string }
  | { code: 'deadline_near'; count: number }
  | { code: 'deadline_past'; count: number };

/** A minor open when the next audit is this close (days) is worth a warning before the audit finds it. */
export const NEXT_AUDIT_NEAR_DAYS = 60;

/**
 * The warnings of an organisation's open non-conformities on `today`: five or more open minors, open minors with the
 * next audit near (or planned), deadlines near or past.
 */
export const ncWarnings = (
  ncs: readonly (NcFacts & { deadline: string })[],
  nextAuditOn: string | null,
  today: string,
): NcWarning[] => {
  const open = ncs.filter((nc) => nc.open);
  const openMinors = open.filter((nc) => nc.grade === 'minor').length;
  const warnings: NcWarning[] = [];
  if (minorsCountAsMajor(openMinors)) warnings.push({ code: 'minors_count_as_major', openMinors });
  if (
    openMinors > 0 &&
    nextAuditOn !== null &&
    nextAuditOn >= today &&
    addCalendarDays(today, NEXT_AUDIT_NEAR_DAYS) >= nextAuditOn
  ) {
    warnings.push({ code: 'minor_open_at_next_audit', openMinors, nextAuditOn });
  }
  const states = open.map((nc) => deadlineState(nc.deadline, today));
  const near = states.filter((state) => state === 'near').length;
  const past = states.filter((state) => state === 'past').length;
  if (near > 0) warnings.push({ code: 'deadline_near', count: near });
  if (past > 0) warnings.push({ code: 'deadline_past', count: past });
  return warnings;
};
