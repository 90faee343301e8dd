/** How sign-in failures on one account slow further attempts down. */
export interface ThrottlePolicy {
  /** Failures in a row before the account refuses attempts for a while. */
  failuresBeforeDelay: number;
  /** The first delay; each further failure doubles it. */
  firstDelaySeconds: number;
  maxDelaySeconds: number;
}

/** A failure streak older than this is forgotten. */
export const FAILURE_MEMORY_MS = 24 * 3600_000;

/**
 * The delay that follows the n-th failure in a row: none before the threshold, then the first delay, doubled at
 * every further failure, capped (5 failures → 1 min, 6 → 2, 7 → 4 … with the defaults).
 */
export const delayAfterFailures = (failures: number, policy: ThrottlePolicy): number => {
  if (failures < policy.failuresBeforeDelay) return 0;
  const doublings = Math.min(failures - policy.failuresBeforeDelay, 30);
  return Math.min(policy.firstDelaySeconds * 2 ** doublings, policy.maxDelaySeconds);
};

/** Whether this failure is one the account's owner hears about (when the delays start, then every threshold). */
export const noticeDue = (failures: number, policy: ThrottlePolicy): boolean =>
  failures >= policy.failuresBeforeDelay && failures % policy.failuresBeforeDelay === 0;
