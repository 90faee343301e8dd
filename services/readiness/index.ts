/**
 * Audit readiness per applicable indicator (ready, at risk, missing) with its reasons: facts gathered from the
 * read models (facts.ts), rules kept as data (rules.ts), a pure evaluation (evaluate.ts).
 */
export {
  binderReadiness,
  computeReadiness,
  defaultReadinessPeriod,
  type NextAudit,
  nextAudit,
  type Readiness,
} from './compute';
export {
  evaluateReadiness,
  type IndicatorReadiness,
  type ReadinessCounts,
  type ReadinessReason,
  type ReadinessStatus,
  readinessCounts,
} from './evaluate';
export { gatherReadinessFacts, type ReadinessFacts, type ReadinessPeriod } from './facts';
export { READINESS_RULES, type ReadinessRule, type ReadinessSeverity } from './rules';
