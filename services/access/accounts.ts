import argon2 from 'argon2';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database';
import type { EventStore } from '../eventstore/types';
import type { Role, Viewer } from '../kernel/auth';
import type { Clock } from '../kernel/clock';
import { runCommand } from '../kernel/command';
import { conflict } from '../kernel/errors';
import { hashToken, newId, newSecretToken } from '../kernel/ids';
import { organisationDecider, userDecider } from './decider';
import { organisationStream, userStream } from './events';
import type { AccessTables } from './tables';

const access = (db: Db) => db.withTables<AccessTables>();

export interface AccessDeps {
  db: Db;
  store: EventStore;
  clock: Clock;
}

type AccountRow = Selectable<AccessTables['access_accounts']>;

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
  const reserved = await access(deps.db)
    .insertInto('access_accounts')
    .values({
      user_id: userId,
      organisation_id: input.organisationId,
      email: input.email,
      display_name: input.displayName,
      role: input.role,
      password_hash: passwordHash,
    })
    .onConflict((conflict) => conflict.doNothing())
    .returning('user_id')
    .execute();
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
    await access(deps.db).deleteFrom('access_accounts').where('user_id', '=', userId).execute();
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
  const row = await access(deps.db)
    .selectFrom('access_accounts')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  decoyHash ??= argon2.hash('decoy password, never valid', { type: argon2.argon2id });
  const valid = await argon2.verify(row?.password_hash ?? (await decoyHash), password).catch(() => false);
  return row && valid ? toViewer(row) : undefined;
};

export const openSession = async (deps: AccessDeps, viewer: Viewer, ttlHours: number) => {
  const { token, hash } = newSecretToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  await access(deps.db)
    .deleteFrom('access_sessions')
    .where('user_id', '=', viewer.userId)
    .where('expires_at', '<=', now)
    .execute();
  await access(deps.db)
    .insertInto('access_sessions')
    .values({
      token_hash: hash,
      user_id: viewer.userId,
      organisation_id: viewer.organisationId,
      expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt };
};

export const viewerForSession = async (deps: AccessDeps, token: string): Promise<Viewer | undefined> => {
  const row = await access(deps.db)
    .selectFrom('access_sessions as s')
    .innerJoin('access_accounts as a', 'a.user_id', 's.user_id')
    .selectAll('a')
    .where('s.token_hash', '=', hashToken(token))
    .where('s.expires_at', '>', deps.clock.now())
    .where('a.disabled_at', 'is', null)
    .executeTakeFirst();
  return row && toViewer(row);
};

export const closeSession = async (deps: AccessDeps, token: string) => {
  await access(deps.db).deleteFrom('access_sessions').where('token_hash', '=', hashToken(token)).execute();
};

/** Whether an account uses this e-mail address (in any organisation). */
export const emailTaken = async (db: Db, email: string) =>
  (await access(db)
    .selectFrom('access_accounts')
    .select('user_id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst()) !== undefined;

export const hasAnyAccount = async (db: Db) =>
  (await access(db).selectFrom('access_accounts').select('user_id').limit(1).executeTakeFirst()) !==
  undefined;

/** Issues a new one-time setup token (replacing any earlier one) while no account exists. */
export const issueSetupToken = async (db: Db): Promise<string> => {
  const { token, hash } = newSecretToken();
  await access(db)
    .transaction()
    .execute(async (tx) => {
      await tx.deleteFrom('access_setup_tokens').execute();
      await tx.insertInto('access_setup_tokens').values({ token_hash: hash }).execute();
    });
  return token;
};

/** Consumes the setup token; answers false when it is unknown or already used. */
export const consumeSetupToken = async (db: Db, token: string) =>
  (
    await access(db)
      .deleteFrom('access_setup_tokens')
      .where('token_hash', '=', hashToken(token))
      .returning('token_hash')
      .execute()
  ).length > 0;

export const restoreSetupToken = async (db: Db, token: string) => {
  await access(db)
    .insertInto('access_setup_tokens')
    .values({ token_hash: hashToken(token) })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
};

export const setupPending = async (db: Db) =>
  (await access(db).selectFrom('access_setup_tokens').select('token_hash').limit(1).executeTakeFirst()) !==
    undefined && !(await hasAnyAccount(db));
