/** Network-level failures: the server is unreachable, the connection was cut, or none came in time. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * Whether an error means the database is unavailable (not that the request was wrong): the client should try
 * again in a moment. SQLSTATE class 08 is a connection exception; 57P01–57P03 are shutdowns and start-ups.
 */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  for (let cause = error; cause && typeof cause === 'object'; cause = (cause as { cause?: unknown }).cause) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (NETWORK_CODES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code)) return true;
    }
    if (
      typeof message === 'string' &&
      /Connection terminated|Client has encountered a connection error/i.test(message)
    ) {
      return true;
    }
    if (cause === (cause as { cause?: unknown }).cause) break;
  }
  return false;
};

/** pg-pool's message when a query waited its whole `connectionTimeoutMillis` for a connection of a full pool. */
const POOL_WAIT_TIMEOUT = 'timeout exceeded when trying to connect';

/**
 * Whether an error means every pooled connection stayed busy for the whole bounded wait: the server is reachable
 * but the process is past its capacity, so the client should try again a little later (503 `overloaded`).
 */
export const isPoolExhausted = (error: unknown): boolean => {
  for (let cause = error; cause && typeof cause === 'object'; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { message?: unknown }).message === POOL_WAIT_TIMEOUT) return true;
    if (cause === (cause as { cause?: unknown }).cause) break;
  }
  return false;
};
