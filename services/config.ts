import { getHeapStatistics } from 'node:v8';
import { z } from 'zod';

const MIB = 1024 * 1024;

/** Every setting the server reads, with its default. The README's configuration table mirrors this list. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(20),
  /** Longest wait for a pooled connection (or a new one) before the request answers 503 instead of queueing. */
  DATABASE_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** Shed load (503) while the event loop's mean delay over 1 s passes this (ms): CPU-bound stalls; 0 is off. */
  SHED_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(500),
  /** Shed load while the JavaScript heap holds more than this many MiB; 0 turns it off. */
  SHED_HEAP_USED_MB: z.coerce
    .number()
    .int()
    .min(0)
    .default(() => Math.floor((getHeapStatistics().heap_size_limit * 0.8) / MIB)),
  /** Shed load while more queries than this wait for a database connection (what overload looks like); 0 is off. */
  SHED_POOL_WAITING: z.coerce.number().int().min(0).default(20),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(168),
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** Behind a reverse proxy, trust its X-Forwarded-For (else a client could spoof its address past rate limits). */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  FEEDBACK_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(366).default(30),
  MIN_POSITION_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(2000),
  /** Requests per minute and address on the public form routes (a class behind one NAT shares one address). */
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Requests per minute and public link, whatever the address. */
  PUBLIC_LINK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(200),
  /** Other origins allowed to call the API with credentials, comma-separated (none by default: same origin). */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().url())),
  /** Who may introspect the GraphQL schema: signed-in `members`, nobody (`off`) or anyone (`public`). */
  GRAPHQL_INTROSPECTION: z.enum(['members', 'off', 'public']).default('members'),
  /** Most lexical tokens in one GraphQL document: parsing stops there (page queries use under 100). */
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).default(1000),
  /** Largest request body /graphql accepts, in bytes. */
  GRAPHQL_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(32 * 1024),
  /** GraphQL requests per minute, per signed-in user, or per address when signed out. */
  GRAPHQL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** A session not used for this many minutes ends (SESSION_TTL_HOURS bounds it whatever its use). */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60 * 30)
    .default(120),
  /** Failed sign-ins in a row on one account before it refuses attempts for a while (then doubling delays). */
  SIGN_IN_FAILURES_BEFORE_DELAY: z.coerce.number().int().min(1).max(100).default(5),
  SIGN_IN_FIRST_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  SIGN_IN_MAX_DELAY_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  PASSWORD_RESET_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof schema>;

export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
};
