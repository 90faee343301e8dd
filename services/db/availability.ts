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
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
        message,
      )
    ) {
      return true;
    }
    if (cause === (cause as { cause?: unknown }).cause) break;
  }
  return false;
};
