import type { Pool, PoolClient } from 'pg';

/** A claim on a projection: valid while the connection that took it lives. */
export interface Claim {
  readonly name: string;
  readonly generation: number;
}

export interface Ownership {
  /** Takes the projection's lock if no other process holds it; undefined when one does. */
  tryClaim(name: string, key: bigint): Promise<Claim | undefined>;
  /** Whether the claim still holds: false once its connection was lost (the server dropped the locks). */
  holds(claim: Claim): boolean;
  release(claim: Claim, key: bigint): Promise<void>;
  close(): void;
}

/**
 * The projections' session-level advisory locks, all on one connection taken from the pool: a connection per
 * projection would leave the pool a connection fewer for every read model a slice adds. When that connection is
 * lost, the server has dropped every lock on it: each claim stops holding (the runner's loops claim again, on
 * a new connection), so two processes never both believe they own a projection for long.
 */
export const createOwnership = (pool: Pool): Ownership => {
  let client: PoolClient | undefined;
  let connecting: Promise<PoolClient> | undefined;
  /** Bumped whenever the connection is lost: claims of an earlier generation no longer hold. */
  let generation = 0;
  let closed = false;

  const drop = (lost: PoolClient) => {
    if (client !== lost) return;
    client = undefined;
    generation++;
    lost.release(true);
  };

  const connection = async (): Promise<PoolClient> => {
    if (client) return client;
    connecting ??= pool.connect().then(
      (connected) => {
        connecting = undefined;
        connected.on('error', () => drop(connected));
        client = connected;
        return connected;
      },
      (error: unknown) => {
        connecting = undefined;
        throw error;
      },
    );
    return connecting;
  };

  /** Queries on the lock connection, one at a time (pg deprecates a query sent while another runs). */
  let queue: Promise<unknown> = Promise.resolve();
  /** A query on the lock connection; a failure loses the connection (and so its locks) for good. */
  const query = (sql: string, key: bigint) => {
    const run = queue.then(async () => {
      const connected = await connection();
      try {
        return await connected.query<{ locked?: boolean }>(sql, [key]);
      } catch (error) {
        drop(connected);
        throw error;
      }
    });
    queue = run.catch(() => {});
    return run;
  };

  return {
    async tryClaim(name, key) {
      if (closed) return undefined;
      const claimedIn = generation;
      const { rows } = await query('SELECT pg_try_advisory_lock($1) AS locked', key);
      // The connection may have been replaced while the lock was asked for: that lock went with the old one.
      if (!rows[0]?.locked || claimedIn !== generation) return undefined;
      return { name, generation: claimedIn };
    },
    holds: (claim) => client !== undefined && claim.generation === generation,
    async release(claim, key) {
      if (!client || claim.generation !== generation) return;
      await query('SELECT pg_advisory_unlock($1)', key).catch(() => {});
    },
    close() {
      closed = true;
      if (client) client.release();
      client = undefined;
    },
  };
};
