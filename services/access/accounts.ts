import argon2 from 'argon2';
import type { AnyDb } from '../db/database';
import { execute } from '../db/database';
import type { EventStore } from '../eventstore/types';
import type { Role, Viewer } from '../kernel/auth';
import type { Clock } from '../kernel/clock';
import { runCommand } from '../kernel/command';
import { conflict } from '../kernel/errors';
import { hashToken, newId, newSecretToken } from '../kernel/ids';
import { organisationDecider, userDecider } from './decider';
import { organisationStream, userStream } from './events';

export interface AccessDeps {
  db: AnyDb;
  store: EventStore;
  clock: Clock;
}

interface AccountRow {
  user_id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
}

const toViewer = (row: AccountRow): Viewer => ({
  userId: row.user_id,
  organisationId: row.organisation_id,
  email: row.email,
  displayName: row.display_name,
  role: row.role,
});

/** Reserves the e-mail address, then records the user; the reservation is undone if the append fails. */
export const registerAccount = async (
  deps: AccessDeps,
  input: {
    organisationId: string;
    email: string;
    displayName: string;
    role: Role;
    password: string;
    actorId?: string;
  },
) => {
  const userId = newId();
  const passwordHash = await argon2.hash(input.password, { type: argon2.argon2id });
  const reserved = await execute(
    deps.db,
    `INSERT INTO access_accounts (user_id, organisation_id, email, display_name, role, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING user_id`,
    [userId, input.organisationId, input.email, input.displayName, input.role, passwordHash],
  );
  if (reserved.length === 0) throw conflict('email_taken', 'An account already uses this e-mail address');
  try {
    const result = await runCommand(
      {
        store: deps.store,
        clock: deps.clock,
        organisationId: input.organisationId,
        actor: { type: 'user', id: input.actorId ?? userId },
      },
      userDecider,
      userStream(userId),
      { type: 'RegisterUser', userId, ...input },
    );
    return { userId, ...result };
  } catch (error) {
    await execute(deps.db, 'DELETE FROM access_accounts WHERE user_id = $1', [userId]);
    throw error;
  }
};

export const createOrganisationWithAdmin = async (
  deps: AccessDeps,
  input: { organisationName: string; name: string; email: string; password: string },
) => {
  const organisationId = newId();
  const admin = await registerAccount(deps, {
    organisationId,
    email: input.email,
    displayName: input.name,
    role: 'admin',
    password: input.password,
  });
  const { userId } = admin;
  const organisation = await runCommand(
    { store: deps.store, clock: deps.clock, organisationId, actor: { type: 'user', id: userId } },
    organisationDecider,
    organisationStream(organisationId),
    { type: 'CreateOrganisation', organisationId, name: input.organisationName },
  );
  return { organisationId, userId, position: organisation.position };
};

// Verifying against a real hash when the e-mail is unknown keeps both answers equally slow.
let decoyHash: Promise<string> | undefined;

export const verifyCredentials = async (deps: AccessDeps, email: string, password: string) => {
  const rows = await execute<AccountRow>(
    deps.db,
    'SELECT * FROM access_accounts WHERE lower(email) = lower($1) AND disabled_at IS NULL',
    [email],
  );
  const row = rows[0];
  decoyHash ??= argon2.hash('decoy password, never valid', { type: argon2.argon2id });
  const valid = await argon2.verify(row?.password_hash ?? (await decoyHash), password).catch(() => false);
  return row && valid ? toViewer(row) : undefined;
};

export const openSession = async (deps: AccessDeps, viewer: Viewer, ttlHours: number) => {
  const { token, hash } = newSecretToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  await execute(deps.db, 'DELETE FROM access_sessions WHERE user_id = $1 AND expires_at <= $2', [
    viewer.userId,
    now,
  ]);
  await execute(
    deps.db,
    'INSERT INTO access_sessions (token_hash, user_id, organisation_id, expires_at) VALUES ($1, $2, $3, $4)',
    [hash, viewer.userId, viewer.organisationId, expiresAt],
  );
  return { token, expiresAt };
};

export const viewerForSession = async (deps: AccessDeps, token: string): Promise<Viewer | undefined> => {
  const rows = await execute<AccountRow>(
    deps.db,
    `SELECT a.* FROM access_sessions s JOIN access_accounts a ON a.user_id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.disabled_at IS NULL`,
    [hashToken(token), deps.clock.now()],
  );
  return rows[0] && toViewer(rows[0]);
};

export const closeSession = async (deps: AccessDeps, token: string) => {
  await execute(deps.db, 'DELETE FROM access_sessions WHERE token_hash = $1', [hashToken(token)]);
};

export const hasAnyAccount = async (db: AnyDb) =>
  (await execute(db, 'SELECT 1 FROM access_accounts LIMIT 1')).length > 0;

/** Issues a new one-time setup token (replacing any earlier one) while no account exists. */
export const issueSetupToken = async (db: AnyDb): Promise<string> => {
  const { token, hash } = newSecretToken();
  await db.transaction().execute(async (tx) => {
    await execute(tx, 'DELETE FROM access_setup_tokens');
    await execute(tx, 'INSERT INTO access_setup_tokens (token_hash) VALUES ($1)', [hash]);
  });
  return token;
};

/** Consumes the setup token; answers false when it is unknown or already used. */
export const consumeSetupToken = async (db: AnyDb, token: string) =>
  (
    await execute(db, 'DELETE FROM access_setup_tokens WHERE token_hash = $1 RETURNING token_hash', [
      hashToken(token),
    ])
  ).length > 0;

export const restoreSetupToken = async (db: AnyDb, token: string) => {
  await execute(db, 'INSERT INTO access_setup_tokens (token_hash) VALUES ($1) ON CONFLICT DO NOTHING', [
    hashToken(token),
  ]);
};

export const setupPending = async (db: AnyDb) =>
  (await execute(db, 'SELECT 1 FROM access_setup_tokens LIMIT 1')).length > 0 && !(await hasAnyAccount(db));
