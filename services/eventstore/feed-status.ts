import type { Database } from '../db/database';
import { execute } from '../db/database';

/**
 * Whether the feed is held back, and by whom. Readers only see events written by transactions older than the
 * oldest transaction still running **anywhere on the server** (other databases included): a transaction holds
 * the feed back from the moment it has a transaction id (its first write) until it ends, and every event
 * committed meanwhile waits for it. Read-only transactions (an old snapshot, `backend_xmin` only) hold back
 * vacuum, not the feed.
 */
export interface FeedStatus {
  /**
   * How long the transaction holding the feed back has been open (ms); 0 when none is. A few ms under write load
   * are the appends in flight; seconds mean a long transaction somewhere on the server. `null` when the server
   * does not show that transaction's start to this role (another role's session, without pg_read_all_stats).
   */
  heldBackMs: number | null;
  /** The oldest transaction with an id: its process, database and state (`null` when hidden from this role;
   * `prepared` for a prepared transaction, which has no process). Never its query. */
  heldBy: { pid: number | null; database: string | null; state: string | null } | null;
}

export const NOTHING_HELD: FeedStatus = { heldBackMs: 0, heldBy: null };

interface HolderRow {
  pid: number | null;
  database: string | null;
  state: string | null;
  held_ms: number | null;
}

/**
 * Raw SQL: pg_stat_activity and pg_prepared_xacts ordered by the age of their transaction ids, which Kysely's
 * builder cannot say. The oldest transaction id is the snapshot's xmin, the horizon of the feed.
 */
const HOLDER_SQL = `SELECT pid, database, state, (extract(epoch FROM clock_timestamp() - since) * 1000)::float8 AS held_ms
  FROM (SELECT a.pid, a.datname::text AS database, a.state, a.xact_start AS since, a.backend_xid AS xid
          FROM pg_stat_activity a
         WHERE a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
        UNION ALL
        SELECT NULL, p.database::text, 'prepared', p.prepared, p.transaction
          FROM pg_prepared_xacts p) holders
 ORDER BY age(xid) DESC
 LIMIT 1`;

/** One cheap query on a server; on PGlite (one connection, one process) nothing else can hold the feed back. */
export const feedStatus = async (database: Database): Promise<FeedStatus> => {
  if (database.kind !== 'postgres') return NOTHING_HELD;
  const [row] = await execute<HolderRow>(database.db, HOLDER_SQL);
  if (!row) return NOTHING_HELD;
  return {
    heldBackMs: row.held_ms === null ? null : Math.max(0, Math.round(Number(row.held_ms) * 10) / 10),
    heldBy: { pid: row.pid, database: row.database, state: row.state },
  };
};
