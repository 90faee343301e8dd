import type { FastifyRequest } from 'fastify';
import type { Config } from '../config';

const REDACTED = '[redacted]';

/**
 * A request URL as it may be logged: public link tokens (`/f/<token>`, `/auditor/<token>`, `/api/public/…/<token>`)
 * and `token=` query values are secrets that open a form, an auditor's access or the setup page, so they never
 * reach the logs.
 */
export const redactUrl = (url: string): string => {
  const [path = '', query] = url.split('?', 2);
  const safePath = path
    .replace(/^\/(f|a|auditor)\/[^/]+/, `/$1/${REDACTED}`)
    .replace(/^(\/api\/public\/[^/]+\/)[^/]+/, `$1${REDACTED}`);
  if (query === undefined) return safePath;
  const safeQuery = query.replace(/(^|&)(token=)[^&]*/gi, `$1$2${REDACTED}`);
  return `${safePath}?${safeQuery}`;
};

/** Fields that hold personal data (services/privacy): redacted wherever a log line carries them. */
const PERSONAL_FIELDS = ['email', 'displayName', 'display_name', 'comment', 'password'];

/**
 * Fastify's logger settings: the configured level, secrets redacted from headers and URLs, personal fields
 * redacted at the top of a log object and one level down. Request bodies are never logged.
 */
export const loggerOptions = (config: Pick<Config, 'LOG_LEVEL'>) => ({
  level: config.LOG_LEVEL,
  redact: [
    'req.headers.cookie',
    'req.headers.authorization',
    'res.headers["set-cookie"]',
    'req.body',
    ...PERSONAL_FIELDS,
    ...PERSONAL_FIELDS.map((field) => `*.${field}`),
  ],
  serializers: {
    req: (request: FastifyRequest) => ({
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
    }),
  },
});
