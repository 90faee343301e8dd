import { GraphQLError } from 'graphql';
import { isoDate } from '../../services/kernel/validation';
import { builder } from '../builder';

builder.scalarType('Date', {
  description: 'A calendar date in Europe/Paris, YYYY-MM-DD',
  serialize: (value) => String(value),
  parseValue: (value) => {
    const parsed = isoDate.safeParse(value);
    if (!parsed.success)
      throw new GraphQLError('Expected a date YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    return parsed.data;
  },
});

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601 in UTC',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) {
      throw new GraphQLError('Expected an ISO 8601 instant', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return date;
  },
});

/** Opaque keyset cursors. */
export const encodeCursor = (parts: readonly unknown[]) =>
  Buffer.from(JSON.stringify(parts)).toString('base64url');

export const decodeCursor = (cursor: string | null | undefined): unknown[] | undefined => {
  if (!cursor) return undefined;
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts)) return parts;
  } catch {}
  throw new GraphQLError('Invalid cursor', { extensions: { code: 'BAD_USER_INPUT' } });
};

export const pageSize = (first: number | null | undefined, max = 100) => {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw new GraphQLError(`first must be between 1 and ${max}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return size;
};

/** A Relay connection page from rows fetched with limit + 1 (the extra row tells there is a next page). */
export const connectionPage = <Row>(
  rows: Row[],
  limit: number,
  cursorParts: (row: Row) => unknown[],
  afterGiven: boolean,
) => {
  const edges = rows.slice(0, limit).map((row) => ({ cursor: encodeCursor(cursorParts(row)), node: row }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: afterGiven,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
};
