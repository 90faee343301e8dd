import { sqlMigration } from '../db/migrate';

/**
 * The access slice's own state, outside the event log: password hashes never enter immutable events, and
 * authorisation reads the current role here rather than from an eventually consistent read model.
 * Every change is also recorded as an event for the audit trail.
 */
export const accessMigration = sqlMigration('0003_access', [
  `CREATE TABLE access_accounts (
    user_id uuid PRIMARY KEY,
    organisation_id uuid NOT NULL,
    email text NOT NULL,
    display_name text NOT NULL,
    role text NOT NULL,
    password_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    disabled_at timestamptz
  )`,
  'CREATE UNIQUE INDEX access_accounts_email_key ON access_accounts (lower(email))',
  `CREATE TABLE access_sessions (
    token_hash text PRIMARY KEY,
    user_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  )`,
  'CREATE INDEX access_sessions_user_idx ON access_sessions (user_id)',
  `CREATE TABLE access_setup_tokens (
    token_hash text PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
]);
