import type { Pool, PoolClient } from 'pg';
import { describe, expect, it } from 'vitest';
import { createOwnership } from '../projections/runner/ownership';
import { createTestDatabase, primaryKind } from './support/databases';

// Session-level advisory locks exist on PostgreSQL only (on PGlite one process owns every projection).
const onServer = primaryKind() === 'postgres';

/** The pool, with the client it lends watched: how many of its queries ran at once, at most. */
const watched = (pool: Pool) => {
  const seen = { inFlight: 0, most: 0, queries: 0 };
  const lend = async () => {
    const client = await pool.connect();
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as { query: typeof query }).query = async (...args: unknown[]) => {
      seen.inFlight++;
      seen.queries++;
      seen.most = Math.max(seen.most, seen.inFlight);
      try {
        return await query(...args);
      } finally {
        seen.inFlight--;
      }
    };
    return client as PoolClient;
  };
  return { pool: { connect: lend } as unknown as Pool, seen };
};

describe('projection ownership', () => {
  it.skipIf(!onServer)(
    'claims many projections at once on one connection, sending its queries one at a time',
    async () => {
      const testDb = await createTestDatabase('postgres');
      const ownership = (() => {
        const { pool, seen } = watched(testDb.database.pool!);
        return { ...createOwnership(pool), seen };
      })();
      try {
        const names = Array.from({ length: 12 }, (_, index) => `projection-${index}`);
        const claims = await Promise.all(
          names.map((name, index) => ownership.tryClaim(name, BigInt(9_000 + index))),
        );
        expect(claims.every((claim) => claim !== undefined && ownership.holds(claim))).toBe(true);
        expect(ownership.seen.queries).toBe(names.length);
        // pg deprecates (and pg 9 refuses) a query sent while another runs on the same client.
        expect(ownership.seen.most).toBe(1);
        await Promise.all(claims.map((claim, index) => ownership.release(claim!, BigInt(9_000 + index))));
        expect(ownership.seen.most).toBe(1);
      } finally {
        ownership.close();
        await testDb.drop();
      }
    },
  );
});
