/**
 * Small fetch wrapper for the server: REST commands (writes) and reads, the error shape every request shares, and
 * the position for read-your-writes. The GraphQL client builds on it in `data/fetchGraphQL.ts`, apart, so that
 * the public form (REST only) loads no GraphQL code.
 *
 * Read-your-writes: every command answers `{ position }` (its position in the event log). We keep the highest
 * position seen in module state and send it as `X-Min-Position` with GraphQL reads and later commands, so the
 * projections answering a read, or checked by a command, have caught up with our own writes.
 */

interface ValidationIssue {
  path: string;
  message: string;
  /** Why the value was refused, when the server says (`invalid_characters`). */
  code?: string;
}

/** An error from the server (REST body `{ code, message, details? }` or GraphQL `extensions.code`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Seconds the server asked us to wait (`Retry-After`), when it said. */
    private readonly retryAfterHeader: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field issues of a `validation_failed` or `invalid_characters` error, paths joined with dots. */
  get issues(): ValidationIssue[] {
    const raw = this.details?.issues;
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((issue: unknown) => {
      if (typeof issue !== 'object' || issue === null) return [];
      const { path, message, code } = issue as { path?: unknown; message?: unknown; code?: unknown };
      const joined = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
      return [
        {
          path: joined,
          message: typeof message === 'string' ? message : '',
          ...(typeof code === 'string' ? { code } : {}),
        },
      ];
    });
  }

  /** A text detail of the error (`organisationName` of a closed feedback link), if the server gave one. */
  detail(name: string): string | null {
    const value = this.details?.[name];
    return typeof value === 'string' && value !== '' ? value : null;
  }

  /** How long to wait before trying again (429, 503): `details.retryAfterSeconds`, else `Retry-After`. */
  get retryAfterSeconds(): number | null {
    const detail = this.details?.retryAfterSeconds;
    if (typeof detail === 'number' && Number.isFinite(detail) && detail >= 0) return Math.ceil(detail);
    return this.retryAfterHeader;
  }

  /** Whether the same request may succeed later unchanged: the server was busy or away, or unreachable. */
  get isTransient(): boolean {
    return this.status === 0 || this.status === 429 || this.status === 503;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** `Retry-After` is either a number of seconds or an HTTP date. */
export function retryAfterFrom(response: Response): number | null {
  const value = response.headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

let highestPosition: bigint | null = null;

/** The highest position our commands answered, for `X-Min-Position`; null before any command. */
export const minPosition = (): string | null => highestPosition?.toString() ?? null;

/** Records a position returned by a command; the highest one wins. */
function notePosition(position: unknown): void {
  if (typeof position !== 'number' && typeof position !== 'string') return;
  let value: bigint;
  try {
    value = BigInt(position);
  } catch {
    return;
  }
  if (highestPosition === null || value > highestPosition) highestPosition = value;
}

/** The JSON body of a response; null when empty or not JSON. */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The error a non-2xx response stands for: its body's `{ code, message, details }`, else its status. */
export function errorFrom(response: Response, body: unknown): ApiError {
  const { status } = response;
  const retryAfter = retryAfterFrom(response);
  if (typeof body === 'object' && body !== null) {
    const { code, message, details } = body as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof code === 'string') {
      return new ApiError(
        status,
        code,
        typeof message === 'string' ? message : code,
        typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : undefined,
        retryAfter,
      );
    }
  }
  return new ApiError(status, `http_${status}`, `HTTP ${status}`, undefined, retryAfter);
}

/** `fetch` with the session cookie; no network is an `ApiError` with status 0 (`network_error`). */
export async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { credentials: 'same-origin', ...init });
  } catch (error) {
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : 'Network error');
  }
}

export const jsonHeaders = { 'Content-Type': 'application/json', Accept: 'application/json' };

/**
 * POSTs a REST command; resolves with the JSON answer, throws an `ApiError` on any non-2xx status. `ifMatch` is
 * the revision the page showed: the server refuses the change (409) if the record moved on since.
 */
export async function command<Answer = { position?: number }>(
  path: string,
  body: unknown = {},
  options: CommandOptions = {},
): Promise<Answer> {
  return sendCommand(path, JSON.stringify(body), jsonHeaders, options);
}

/** POSTs a file's bytes as the body of a command (a logo), with its type. */
export async function upload<Answer = { position?: number }>(
  path: string,
  file: Blob,
  options: CommandOptions = {},
): Promise<Answer> {
  const type = file.type || 'application/octet-stream';
  return sendCommand(path, file, { 'Content-Type': type, Accept: 'application/json' }, options);
}

/** POSTs a multipart form (files) as a command; the browser sets its boundary (with progress: `uploads.ts`). */
export async function commandForm<Answer = { position?: number }>(
  path: string,
  form: FormData,
  options: CommandOptions = {},
): Promise<Answer> {
  return sendCommand(path, form, { Accept: 'application/json' }, options);
}

export interface CommandOptions {
  /** The revision the page showed (sent as If-Match). */
  ifMatch?: number;
  /** One key per thing the person asked for: a resend after a lost answer is the same request, not a second. */
  idempotencyKey?: string;
}

/** The headers of a command: If-Match for the revision shown, X-Min-Position for our own writes. */
export function commandHeaders(
  baseHeaders: Record<string, string>,
  options: CommandOptions,
): Record<string, string> {
  const headers: Record<string, string> = { ...baseHeaders };
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
  // A command may check what the read side knows (the questionnaire a campaign names): it must see our writes.
  const position = minPosition();
  if (position !== null) headers['X-Min-Position'] = position;
  return headers;
}

/** A command's answer: its JSON, its position noted; an `ApiError` on any non-2xx status. */
export async function answerOf<Answer>(response: Response): Promise<Answer> {
  const data = await readJson(response);
  if (!response.ok) throw errorFrom(response, data);
  notePosition((data as { position?: unknown } | null)?.position);
  return data as Answer;
}

async function sendCommand<Answer>(
  path: string,
  body: BodyInit,
  baseHeaders: Record<string, string>,
  options: CommandOptions,
): Promise<Answer> {
  return answerOf(await send(path, { method: 'POST', headers: commandHeaders(baseHeaders, options), body }));
}

/** GETs a REST resource (setup status, public feedback form). */
export async function getJson<Answer>(path: string): Promise<Answer> {
  const response = await send(path, { method: 'GET', headers: { Accept: 'application/json' } });
  const data = await readJson(response);
  if (!response.ok) throw errorFrom(response, data);
  return data as Answer;
}
