import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../api';

/** Wait when a transient failure says nothing of when to come back (a network error). */
const DEFAULT_WAIT_SECONDS = 5;
/** Longer waits are left to the person: a page that acts minutes later, unasked, surprises. */
const LONGEST_AUTOMATIC_WAIT_SECONDS = 60;

/**
 * Sends once more by itself after a transient failure (429, 503, network), when the server says it may: after
 * `Retry-After`. Only once per page, so a server that stays away is not hammered. `send` is called as it is at
 * that moment (with what the person typed since).
 */
export function useRetryOnce(send: () => void) {
  const [waitingSeconds, setWaitingSeconds] = useState<number | null>(null);
  const [fired, setFired] = useState(false);
  const used = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latestSend = useRef(send);
  useEffect(() => {
    latestSend.current = send;
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  /** Plans the retry for this error if it is worth one; answers whether it did. */
  const schedule = (error: unknown): boolean => {
    if (used.current || !isApiError(error) || !error.isTransient) return false;
    const seconds = error.retryAfterSeconds ?? DEFAULT_WAIT_SECONDS;
    if (seconds > LONGEST_AUTOMATIC_WAIT_SECONDS) return false;
    used.current = true;
    setWaitingSeconds(seconds);
    timer.current = setTimeout(() => {
      setWaitingSeconds(null);
      setFired(true);
      latestSend.current();
    }, seconds * 1000);
    return true;
  };

  /** Drops a planned retry (the person sends again themselves). */
  const cancel = () => {
    clearTimeout(timer.current);
    setWaitingSeconds(null);
  };

  /** `waitingSeconds`: a retry is planned that far ahead; `fired`: the automatic retry has been sent. */
  return { waitingSeconds, fired, schedule, cancel };
}
