import type { FastifyRequest } from 'fastify';
import type { Config } from '../config';

const REDACTED = '[redacted]';

/**
 * A request URL as it may be logged: public link tokens (`/f/<token>`, `/api/public/…/<token>`) and `token=`
 * query values are secrets that open a form or the setup page, so they never reach the logs.
 */
export const redactUrl = (url: string): string => {
  const [path = '', query] = url.split('?', 2);
  const safePath = path
    .replace(/^\/f\/[^/]+/, `/f/${REDACTED}`)
    .replace(/^(\/api\/public\/[^/]+\/)[^/]+/, `$1${REDACTED}`);
  if (query === undefined) return safePath;
  const safeQuery = query.replace(/(^|&)(token=)[^&]*/gi, `$1$2${REDACTED}`);
  return `${safePath}?${safeQuery}`;
};

/** Fastify's logger settings: the configured level, secrets redacted from headers and URLs. */
export const loggerOptions = (config: Pick<Config, 'LOG_LEVEL'>) => ({
  level: config.LOG_LEVEL,
  redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
  serializers: {
    req: (request: FastifyRequest) => ({
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
    }),
  },
});
