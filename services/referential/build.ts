import { applicabilityCodes } from './applicability';
import type { Applicability, Criterion, Indicator, WordingStatus } from './types';

/** One indicator as written in a version's data file; the derived fields are filled in by `buildIndicator`. */
export interface IndicatorRow {
  number: number;
  criterion: number;
  /** Official French wording, quoted exactly. */
  title: string;
  summaryEn: string;
  /** Defaults to false (common indicator). */
  specific?: boolean;
  /** Defaults to `{ kind: 'all' }`. */
  applicability?: Applicability;
  /** Defaults to 'confirmed'. */
  wordingStatus?: WordingStatus;
  note?: string;
}

/** Audit rules that depend on the indicator number (DOMAIN.md, "Non-conformities" and "The audit cycle"). */
export interface AuditRules {
  /** Indicators where any failure is a major non-conformity. */
  majorOnly: readonly number[];
  /** Indicators only checked at the surveillance audit for new entrants. */
  newEntrantDeferred: readonly number[];
  /** Indicators always reviewed at surveillance besides the major-only ones. */
  surveillanceExtra: readonly number[];
}

const ALL: Applicability = { kind: 'all' };

export function buildIndicator(row: IndicatorRow, rules: AuditRules): Indicator {
  const applicability = row.applicability ?? ALL;
  const majorOnly = rules.majorOnly.includes(row.number);
  const indicator: Indicator = {
    number: row.number,
    criterion: row.criterion,
    title: row.title,
    summaryEn: row.summaryEn,
    majorOnly,
    specific: row.specific ?? false,
    applicability,
    appliesTo: applicabilityCodes(applicability),
    newEntrantDeferred: rules.newEntrantDeferred.includes(row.number),
    surveillanceAlwaysReviewed: majorOnly || rules.surveillanceExtra.includes(row.number),
    wordingStatus: row.wordingStatus ?? 'confirmed',
  };
  if (row.note !== undefined) indicator.note = row.note;
  return indicator;
}

/** Criterion headings without their indicators. */
export type CriterionHeading = Omit<Criterion, 'indicators'>;

/** Attaches each indicator to its criterion, in indicator-number order. */
export function groupIntoCriteria(
  headings: readonly CriterionHeading[],
  indicators: readonly Indicator[],
): Criterion[] {
  const sorted = [...indicators].sort((a, b) => a.number - b.number);
  return headings.map((heading) => ({
    ...heading,
    indicators: sorted.filter((indicator) => indicator.criterion === heading.number),
  }));
}
