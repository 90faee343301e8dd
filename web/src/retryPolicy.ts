/**
 * When a failed read is tried again: TanStack Query's reads (`queryClient.ts`) and the public form's read, which
 * does without TanStack Query (`features/feedback/publicFeedback.ts`), follow the same rule.
 */
import { isApiError } from './api';

const MAX_RETRY_DELAY_MS = 30_000;

/** Retries only what may pass on a second try: network failures and server errors. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  return !isApiError(error) || error.status === 0 || error.status >= 500;
}

/** Waits as long as the server asked (`Retry-After`), else backs off 1 s, 2 s, 4 s… */
export function retryDelay(failureCount: number, error: unknown): number {
  const asked = isApiError(error) ? error.retryAfterSeconds : null;
  const delay = asked === null ? 1000 * 2 ** failureCount : asked * 1000;
  return Math.min(delay, MAX_RETRY_DELAY_MS);
}
