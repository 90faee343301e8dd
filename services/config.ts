import { getHeapStatistics } from 'node:v8';
import { z } from 'zod';

const MIB = 1024 * 1024;

const isKeyEncryptionKey = (value: string) =>
  /^[A-Za-z0-9+/]+={0,2}$/.test(value.trim()) && Buffer.from(value.trim(), 'base64').length === 32;

/** Every setting the server reads, with its default. The README's configuration table mirrors this list. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /**
   * Connections the kernel queues for the server to accept (listen(2)'s backlog, capped by net.core.somaxconn).
   * Node's default of 511 overflowed under twice the capacity of public answers: the kernel then drops the
   * handshakes and the clients retry after a second or more, so they time out although the server would answer.
   */
  LISTEN_BACKLOG: z.coerce.number().int().min(1).max(65_535).default(4096),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(20),
  /** Longest wait for a pooled connection (or a new one) before the request answers 503 instead of queueing. */
  DATABASE_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /**
   * How long a pooled connection may stay idle before it is closed; 0 keeps them open. A class answering after a
   * quiet spell otherwise finds its connections closed and waits for new ones, each warming its caches again.
   */
  DATABASE_IDLE_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
  /** Shed load (503) while the event loop's mean delay over 1 s passes this (ms): CPU-bound stalls; 0 is off. */
  SHED_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(500),
  /** Shed load while the JavaScript heap holds more than this many MiB; 0 turns it off. */
  SHED_HEAP_USED_MB: z.coerce
    .number()
    .int()
    .min(0)
    .default(() => Math.floor((getHeapStatistics().heap_size_limit * 0.8) / MIB)),
  /** Shed load while more queries than this wait for a database connection (what overload looks like); 0 is off. */
  SHED_POOL_WAITING: z.coerce.number().int().min(0).default(40),
  /** Most appends sent as one statement when they arrive together (group commit); 1 sends each on its own. */
  APPEND_BATCH_MAX: z.coerce.number().int().min(1).max(1000).default(100),
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
  /** Most answers one shared campaign link (a room's QR code) accepts: a large room with margin. */
  SHARED_LINK_MAX_ANSWERS: z.coerce.number().int().min(1).max(1_000_000).default(500),
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
  /** Wraps each data subject's key (base64 of 32 bytes); unset on PGlite: DATA_DIR/personal-data.key. */
  PERSONAL_DATA_KEY: z
    .string()
    .optional()
    .refine((value) => value === undefined || isKeyEncryptionKey(value), {
      message: 'must be the base64 of exactly 32 random bytes (openssl rand -base64 32)',
    }),
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
  /** Outgoing mail server, `smtp://user:password@host:587` or `smtps://…:465`; unset with no SMTP_HOST: dev outbox. */
  SMTP_URL: z
    .string()
    .url()
    .refine((value) => /^smtps?:\/\//.test(value), 'Expected smtp:// or smtps://')
    .optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  SMTP_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** Refuse to send over a connection that could not be upgraded with STARTTLS. */
  SMTP_REQUIRE_TLS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** Check the mail server's certificate (turn off only for a server with a self-signed certificate you trust). */
  SMTP_TLS_REJECT_UNAUTHORIZED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** Longest wait for the mail server at each step (connection, greeting, reply), in ms. */
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** The sender of every message, `Name <address>` or an address. */
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^([^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, 'Expected an address or Name <address>')
    .default('Qualiopi evidence <no-reply@localhost>'),
  /** Sending attempts of one message before it is recorded as failed (temporary failures only). */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** Pause after the first temporary failure (ms); it doubles at each attempt, up to MAIL_RETRY_MAX_MS. */
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  MAIL_RETRY_MAX_MS: z.coerce.number().int().min(1).default(3_600_000),
  /** Largest uploaded file (an attachment, an evidence document), in bytes; larger answers 413. */
  FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * MIB)
    .default(10 * MIB),
  /** Most files one request may carry (e.g. a complaint's attachments); more answers 400 `too_many_files`. */
  FILES_MAX_PER_REQUEST: z.coerce.number().int().min(1).max(50).default(5),
  /** Minutes between two sweeps erasing personal data past its retention period (0: no sweep). */
  RETENTION_SWEEP_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  /** Minutes between two sweeps sending campaigns' invitations and reminders and closing them (0: no sweep). */
  CAMPAIGN_SWEEP_MINUTES: z.coerce.number().int().min(0).max(1440).default(5),
  /** Minutes between two sweeps reminding complaints' owners of their deadlines; 0 turns them off. */
  COMPLAINT_SWEEP_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
  /** Minutes between two sweeps reminding improvement actions' owners of their due dates; 0 turns them off. */
  ACTION_SWEEP_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
  /** Days a finished audit binder's archive is kept for download (its request and hash stay in the log). */
  BINDER_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Audit binders one node writes at once: more wait their turn, so exports never starve the app. */
  BINDER_CONCURRENCY: z.coerce.number().int().min(1).max(8).default(1),
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
