import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../services/db/database';
import { execute } from '../services/db/database';

export class ServerUnreachableError extends Error {}

/** The URL without its password, for printing and for the results file. */
export const redactUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
};

const withDatabaseName = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

const adminQuery = async (serverUrl: string, text: string): Promise<void> => {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    throw new ServerUnreachableError(`Cannot reach PostgreSQL at ${redactUrl(serverUrl)}: ${reason}`);
  }
  try {
    await client.query(text);
  } finally {
    await client.end().catch(() => {});
  }
};

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates `bench_<random>` on the server the URL points to; `drop` removes it, even with connections open. */
export const createScratchDatabase = async (serverUrl: string): Promise<ScratchDatabase> => {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  let dropped = false;
  return {
    name,
    url: withDatabaseName(serverUrl, name),
    async drop() {
      if (dropped) return;
      dropped = true;
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
};

const SETTINGS = [
  'server_version',
  'max_connections',
  'shared_buffers',
  'synchronous_commit',
  'fsync',
  'full_page_writes',
  'wal_sync_method',
  'wal_level',
  'commit_delay',
  'max_wal_size',
  'checkpoint_timeout',
  'effective_io_concurrency',
];

export interface ServerInfo {
  version: string;
  settings: Record<string, string>;
}

export const serverInfo = async (executor: Db): Promise<ServerInfo> => {
  const [row] = await execute<{ version: string }>(executor, 'SELECT version() AS version');
  const settings = await execute<{ name: string; setting: string; unit: string | null }>(
    executor,
    'SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1::text[]) ORDER BY name',
    [SETTINGS],
  );
  return {
    version: row?.version ?? 'unknown',
    settings: Object.fromEntries(
      settings.map((s) => [s.name, s.unit ? `${s.setting} (${s.unit})` : s.setting]),
    ),
  };
};

/** Flushes dirty pages so every measured run starts from the same checkpoint state (needs superuser or
 * pg_checkpoint; silently skipped otherwise), through a suite's database or, by URL, a connection of its own.
 * Answers whether it ran. */
export const checkpoint = async (target: Db | string): Promise<boolean> => {
  try {
    if (typeof target !== 'string') {
      await execute(target, 'CHECKPOINT');
      return true;
    }
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      await client.query('CHECKPOINT');
    } finally {
      await client.end();
    }
    return true;
  } catch {
    return false;
  }
};
