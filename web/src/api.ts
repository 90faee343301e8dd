/**
 * Small fetch wrapper for the server: REST commands (writes) and GraphQL reads.
 *
 * Read-your-writes: every command answers `{ position }` (its position in the event log). We keep the highest
 * position seen in module state and send it to GraphQL as `X-Min-Position`, so the projections answering a
 * read have caught up with our own writes.
 */

export interface ValidationIssue {
  path: string;
  message: string;
}

/** An error from the server (REST body `{ code, message, details? }` or GraphQL `extensions.code`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field issues of a `validation_failed` error, paths joined with dots (`['rating']` → `rating`). */
  get issues(): ValidationIssue[] {
    const raw = this.details?.issues;
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((issue: unknown) => {
      if (typeof issue !== 'object' || issue === null) return [];
      const { path, message } = issue as { path?: unknown; message?: unknown };
      const joined = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
      return [{ path: joined, message: typeof message === 'string' ? message : '' }];
    });
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

type Position = number | string;

let highestPosition: bigint | null = null;

/** Records a position returned by a command; the highest one wins. */
export function notePosition(position: unknown): void {
  if (typeof position !== 'number' && typeof position !== 'string') return;
  let value: bigint;
  try {
    value = BigInt(position);
  } catch {
    return;
  }
  if (highestPosition === null || value > highestPosition) highestPosition = value;
}

/** The highest position any command returned so far, as sent in `X-Min-Position` (null before any write). */
export function minPosition(): string | null {
  return highestPosition === null ? null : highestPosition.toString();
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function errorFromBody(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null) {
    const { code, message, details } = body as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof code === 'string') {
      return new ApiError(
        status,
        code,
        typeof message === 'string' ? message : code,
        typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : undefined,
      );
    }
  }
  return new ApiError(status, `http_${status}`, `HTTP ${status}`);
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { credentials: 'same-origin', ...init });
  } catch (error) {
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : 'Network error');
  }
}

const jsonHeaders = { 'Content-Type': 'application/json', Accept: 'application/json' };

export interface CommandOptions {
  /** Also receives the position the command returned (e.g. to wait for it in a later read). */
  minPositionRef?: { current: Position | null };
}

/** POSTs a REST command; resolves with the JSON answer, throws an `ApiError` on any non-2xx status. */
export async function command<T = { position?: Position }>(
  path: string,
  body: unknown = {},
  options: CommandOptions = {},
): Promise<T> {
  const response = await send(path, { method: 'POST', headers: jsonHeaders, body: JSON.stringify(body) });
  const data = await readJson(response);
  if (!response.ok) throw errorFromBody(response.status, data);
  const position = (data as { position?: unknown } | null)?.position;
  if (position !== undefined) {
    notePosition(position);
    if (options.minPositionRef && (typeof position === 'number' || typeof position === 'string')) {
      options.minPositionRef.current = position;
    }
  }
  return data as T;
}

/** GETs a REST resource (setup status, public feedback form). */
export async function getJson<T>(path: string): Promise<T> {
  const response = await send(path, { method: 'GET', headers: { Accept: 'application/json' } });
  const data = await readJson(response);
  if (!response.ok) throw errorFromBody(response.status, data);
  return data as T;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: unknown; [key: string]: unknown } }[];
}

/** Runs a GraphQL query; throws an `ApiError` with the first error's `extensions.code`. */
export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const headers: Record<string, string> = { ...jsonHeaders };
  const position = minPosition();
  if (position !== null) headers['X-Min-Position'] = position;
  const response = await send('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = (await readJson(response)) as GraphQLResponse<T> | null;
  const first = body?.errors?.[0];
  if (first) {
    // GraphQL codes are upper case (`UNAUTHENTICATED`); REST codes are lower case: one vocabulary for both.
    const code =
      typeof first.extensions?.code === 'string' ? first.extensions.code.toLowerCase() : 'graphql_error';
    const { code: _code, ...details } = first.extensions ?? {};
    throw new ApiError(response.ok ? 200 : response.status, code, first.message, details);
  }
  if (!response.ok) throw errorFromBody(response.status, body);
  if (!body?.data) throw new ApiError(response.status, 'graphql_error', 'Empty GraphQL response');
  return body.data;
}
