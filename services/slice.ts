import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import type { Db } from './db/database';
import type { NamedMigration } from './db/migrate';
import type { EventStore } from './eventstore/types';
import type { Viewer } from './kernel/auth';
import type { Clock } from './kernel/clock';
import type { MailPort } from './mail/port';
import type { Vault } from './privacy/vault';
import type { ReadPorts } from './read-ports';

/** What the composition root hands every write slice. */
export interface SliceDeps {
  db: Db;
  store: EventStore;
  /** The personal-data vault (erasure). */
  vault: Vault;
  clock: Clock;
  config: Config;
  reads: ReadPorts;
  /** Every slice's `eraseOutsideLog` for this subject (the privacy slice calls it when it erases one). */
  eraseOutsideLog(subjectId: string): Promise<void>;
  /** Every slice's `exportOutsideLog` for this subject, by `<slice>.<table>` (subject access). */
  exportOutsideLog(subjectId: string): Promise<OutsideLogRecords>;
  /** Waits, bounded, until the read models show the event at this position. */
  waitForPosition(position: number): Promise<boolean>;
  /** Outgoing mail: queue a message, the mail reactor sends it. */
  mail: MailPort;
}

/** Who a session token stands for, among the sessions a slice opens itself (not members' accounts). */
export type SessionResolver = (
  token: string,
  request: { ip: string; id: string },
) => Promise<{ viewer: Viewer; sessionId: string | null } | undefined>;

/** What a slice's sessions need: they are found before any route runs. */
export type SessionDeps = Pick<SliceDeps, 'db' | 'store' | 'vault' | 'clock'>;

/** What one slice adds to the write side: its commands (routes) and the tables it keeps outside the log. */
export interface WriteSlice {
  name: string;
  routes(deps: SliceDeps): (app: FastifyInstance) => Promise<void>;
  migrations?: readonly NamedMigration[];
  /** Sessions the slice opens without an account (an auditor's link): the session plugin asks each in turn. */
  sessions?(deps: SessionDeps): SessionResolver;
  /**
   * Scrubs what the slice keeps outside the log about an erased data subject (`<kind>:<id>`): the log's copies
   * are shredded by the vault, read models scrub theirs on `PersonalDataErased`, and this covers the rest.
   */
  eraseOutsideLog?(db: Db, subjectId: string): Promise<void>;
  /**
   * What the slice keeps outside the log about a data subject, for their export: rows by table, only the
   * subject's own values (never a credential, a token nor another person's data). Beside `eraseOutsideLog`.
   */
  exportOutsideLog?(db: Db, subjectId: string): Promise<OutsideLogRecords>;
}

/** Rows a slice keeps outside the log about one subject, by table (dates as Date, values as stored). */
export type OutsideLogRecords = Record<string, Record<string, unknown>[]>;
