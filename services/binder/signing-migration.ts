import type { ColumnType } from 'kysely';
import { sql } from 'kysely';
import type { NamedMigration } from '../db/migrate';

/** The binder's signing keys (see signingMigration). */
export type SigningTables = {
  binder_signing_keys: {
    organisation_id: string;
    /** The Ed25519 public key, SPKI in PEM. */
    public_key: string;
    /** `SHA256:…` of the public key (format.ts fingerprintOf). */
    fingerprint: string;
    /** Base64 of the PKCS#8 private key sealed under the deployment's key-encryption key (signing.ts). */
    wrapped_private_key: string;
    created_at: ColumnType<Date, Date | undefined, never>;
  };
};

/** One Ed25519 key pair per organisation, outside the log, its private half wrapped; created on first need. */
export const signingMigration: NamedMigration = {
  name: '0010_binder_signing_keys',
  async up(db) {
    await db.schema
      .createTable('binder_signing_keys')
      .addColumn('organisation_id', 'uuid', (column) => column.primaryKey())
      .addColumn('public_key', 'text', (column) => column.notNull())
      .addColumn('fingerprint', 'text', (column) => column.notNull())
      .addColumn('wrapped_private_key', 'text', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
      .execute();
  },
};
