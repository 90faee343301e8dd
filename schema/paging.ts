import { GraphQLError } from 'graphql';
import type { KeysetPage } from '../projections/paging';

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** Relay's paging arguments. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** How a list's keyset key is written into and read back from an opaque cursor (checked, never trusted). */
export interface CursorCodec<Key> {
  encode(key: Key): unknown[];
  /** The key, or undefined when the parts are not a valid key of this list. */
  decode(parts: unknown[]): Key | undefined;
}

const encodeCursor = (parts: readonly unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');

const decodeCursor = <Key>(cursor: string, codec: CursorCodec<Key>): Key => {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('Invalid cursor');
  }
  const key = Array.isArray(parts) ? codec.decode(parts) : undefined;
  if (!key) throw badInput('Invalid cursor');
  return key;
};

const sizeOf = (name: string, value: number | null | undefined, max: number) => {
  const size = value ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > max)
    throw badInput(`${name} must be between 1 and ${max}`);
  return size;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The codec of lists keyed by (an instant, a uuid), the shape of every list so far. */
export const instantAndIdCursor = <Key>(
  toParts: (key: Key) => [Date, string],
  fromParts: (at: Date, id: string) => Key,
): CursorCodec<Key> => ({
  encode: (key) => {
    const [at, id] = toParts(key);
    return [new Date(at).toISOString(), id];
  },
  decode: (parts) => {
    const [at, id] = parts;
    if (parts.length !== 2 || typeof at !== 'string' || typeof id !== 'string' || !UUID.test(id))
      return undefined;
    const instant = new Date(at);
    return Number.isNaN(instant.getTime()) ? undefined : fromParts(instant, id);
  },
});

/**
 * One Relay page of a keyset-paginated list: forward with first/after, backward with last/before (the rows just
 * before the cursor, returned in list order). Fetches one row more than asked to know whether more follow.
 */
export const keysetConnection = async <Row, Key>(
  args: ConnectionArgs,
  codec: CursorCodec<Key>,
  keyOf: (row: Row) => Key,
  fetch: (page: KeysetPage<Key>) => Promise<Row[]>,
  max = 100,
) => {
  const backward = args.last != null || args.before != null;
  if (backward && (args.first != null || args.after != null)) {
    throw badInput('Page with first/after or with last/before, not both');
  }
  const limit = backward ? sizeOf('last', args.last, max) : sizeOf('first', args.first, max);
  const cursorText = backward ? args.before : args.after;
  const cursor = cursorText ? decodeCursor(cursorText, codec) : undefined;
  const rows = await fetch({ limit: limit + 1, cursor, backward });
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backward) page.reverse();
  const edges = page.map((row) => ({ cursor: encodeCursor(codec.encode(keyOf(row))), node: row }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? !!cursor : more,
      hasPreviousPage: backward ? more : !!cursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
};
