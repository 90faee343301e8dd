import type { ReadinessFacts } from './facts';
import { appliesTo, type ReadinessRule, type ReadinessSeverity, type ReasonText } from './rules';

/** Where an indicator stands before the audit: nothing to fix, something to fix, or evidence missing. */
export type ReadinessStatus = 'ready' | ReadinessSeverity;

/** A reason an indicator is not ready: the rule that found it, and why in French and English. */
export interface ReadinessReason extends ReasonText {
  code: string;
  severity: ReadinessSeverity;
}

export interface IndicatorReadiness {
  number: number;
  status: ReadinessStatus;
  /** The worst first, then in the rules' order. */
  reasons: readonly ReadinessReason[];
}

export interface ReadinessCounts {
  ready: number;
  atRisk: number;
  missing: number;
}

const RANK: Record<ReadinessStatus, number> = { ready: 0, at_risk: 1, missing: 2 };

/** The worse of two statuses. */
export const worse = (a: ReadinessStatus, b: ReadinessStatus): ReadinessStatus => (RANK[b] > RANK[a] ? b : a);

/** One indicator's readiness: every rule that looks at it is checked; its status is the worst severity found. */
export const indicatorReadiness = (
  facts: ReadinessFacts,
  rules: readonly ReadinessRule[],
  indicator: number,
): IndicatorReadiness => {
  const reasons = rules
    .filter((rule) => appliesTo(rule, indicator))
    .flatMap((rule): ReadinessReason[] => {
      const reason = rule.check(facts, { indicator, params: rule.params });
      return reason ? [{ code: rule.id, severity: rule.severity, ...reason }] : [];
    })
    .sort((a, b) => RANK[b.severity] - RANK[a.severity]);
  const status = reasons.reduce<ReadinessStatus>((status, reason) => worse(status, reason.severity), 'ready');
  return { number: indicator, status, reasons };
};

/** The readiness of each indicator, in ascending order: pure, from the facts and the rules. */
export const evaluateReadiness = (
  facts: ReadinessFacts,
  rules: readonly ReadinessRule[],
  indicators: readonly number[],
): IndicatorReadiness[] =>
  [...new Set(indicators)]
    .sort((a, b) => a - b)
    .map((indicator) => indicatorReadiness(facts, rules, indicator));

/** How many indicators stand in each status. */
export const readinessCounts = (indicators: readonly IndicatorReadiness[]): ReadinessCounts => ({
  ready: indicators.filter((indicator) => indicator.status === 'ready').length,
  atRisk: indicators.filter((indicator) => indicator.status === 'at_risk').length,
  missing: indicators.filter((indicator) => indicator.status === 'missing').length,
});
