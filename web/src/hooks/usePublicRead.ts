import { useEffect, useState } from 'react';
import { getJson } from '../api';
import { retryDelay, shouldRetry } from '../retryPolicy';

export type PublicRead<Data> =
  | { status: 'pending' }
  | { status: 'error'; error: unknown }
  | { status: 'success'; data: Data };

/**
 * What a public page reads once from the server (a link's form, a complaint page), without the dashboard's query
 * library: transient failures are retried by the app's rule, and `retry` reads it again after an error.
 */
export function usePublicRead<Data>(path: string) {
  const [read, setRead] = useState<PublicRead<Data>>({ status: 'pending' });
  const pending = read.status === 'pending';
  useEffect(() => {
    if (!pending) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = (failures: number) =>
      getJson<Data>(path).then(
        (data) => current && setRead({ status: 'success', data }),
        (error: unknown) => {
          if (!current) return;
          if (shouldRetry(failures, error)) {
            timer = setTimeout(() => attempt(failures + 1), retryDelay(failures, error));
          } else setRead({ status: 'error', error });
        },
      );
    void attempt(0);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [path, pending]);
  return { ...read, retry: () => setRead({ status: 'pending' }) };
}
