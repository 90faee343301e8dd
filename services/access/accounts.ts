import argon2 from 'argon2';
import type { Selectable } from 'kysely';
import { type Db, execute } from '../db/database';
import type { EventStore } from '../eventstore/types';
import type { Role, Viewer } from '../kernel/auth';
import type { Clock } from '../kernel/clock';
import { runCommand } from '../kernel/command';
import { conflict } from '../kernel/errors';
import { hashToken, newId, newSecretToken } from '../kernel/ids';
import { ERASED } from '../privacy/declarations';
import type { OutsideLogRecords } from '../slice';
import { organisationDecider, teamDecider } from './decider';
import { organisationStream, teamStream } from './events';
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

/**
 * Reserves the e-mail address, then records the user in the organisation's team; the reservation is undone if
 * the append fails.
 */
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
      teamDecider,
      teamStream(input.organisationId),
      {
        type: 'RegisterUser',
        userId,
        organisationId: input.organisationId,
        email: input.email,
        displayName: input.displayName,
        role: input.role,
      },
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

export interface OpenedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** Opens a session (a new token: a sign-in never reuses one) and forgets the user's ended ones. */
export const openSession = async (
  deps: AccessDeps,
  viewer: Viewer,
  options: { ttlHours: number; userAgent?: string },
): Promise<OpenedSession> => {
  const { token, hash } = newSecretToken();
  const sessionId = newId();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + options.ttlHours * 3600_000);
  await access(deps.db)
    .deleteFrom('access_sessions')
    .where('user_id', '=', viewer.userId)
    .where('expires_at', '<=', now)
    .execute();
  await access(deps.db)
    .insertInto('access_sessions')
    .values({
      id: sessionId,
      token_hash: hash,
      user_id: viewer.userId,
      organisation_id: viewer.organisationId,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      user_agent: options.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, sessionId, expiresAt };
};

/** Last use is written at most this often, so that reads do not each write. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The member a session token stands for, while the session is within both its lifetime and its idle timeout
 * and the account is active. Each use (at most once a minute) moves the idle deadline on.
 */
export const viewerForSession = async (
  deps: AccessDeps,
  token: string,
  idleMinutes: number,
): Promise<{ viewer: Viewer; sessionId: string | null } | undefined> => {
  const now = deps.clock.now();
  const idleSince = new Date(now.getTime() - idleMinutes * 60_000);
  const row = await access(deps.db)
    .selectFrom('access_sessions as s')
    .innerJoin('access_accounts as a', 'a.user_id', 's.user_id')
    .selectAll('a')
    .select(['s.id as session_id', 's.last_seen_at', 's.created_at as session_created_at'])
    .where('s.token_hash', '=', hashToken(token))
    .where('s.expires_at', '>', now)
    .where('a.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const lastSeen = row.last_seen_at ?? row.session_created_at;
  if (lastSeen <= idleSince) return undefined;
  if (now.getTime() - lastSeen.getTime() >= TOUCH_EVERY_MS) {
    await access(deps.db)
      .updateTable('access_sessions')
      .set({ last_seen_at: now })
      .where('token_hash', '=', hashToken(token))
      .execute();
  }
  return { viewer: toViewer(row), sessionId: row.session_id };
};

export const closeSession = async (deps: AccessDeps, token: string) => {
  await access(deps.db).deleteFrom('access_sessions').where('token_hash', '=', hashToken(token)).execute();
};

/** Ends every session of the user but the one named; answers how many ended. */
export const endSessions = async (db: Db, userId: string, except?: string | null) => {
  let query = access(db).deleteFrom('access_sessions').where('user_id', '=', userId);
  if (except) query = query.where((eb) => eb.or([eb('id', 'is', null), eb('id', '!=', except)]));
  const ended = await query.returning('token_hash').execute();
  return ended.length;
};

/** The user's open sessions, most recently used first. */
export const sessionsOf = async (deps: AccessDeps, userId: string, idleMinutes: number) => {
  const now = deps.clock.now();
  const rows = await access(deps.db)
    .selectFrom('access_sessions')
    .select(['id', 'created_at', 'last_seen_at', 'user_agent', 'expires_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .execute();
  const idleSince = now.getTime() - idleMinutes * 60_000;
  return rows
    .map((row) => ({ ...row, last_seen_at: row.last_seen_at ?? row.created_at }))
    .filter((row) => row.last_seen_at.getTime() > idleSince)
    .sort((a, b) => b.last_seen_at.getTime() - a.last_seen_at.getTime());
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

/** The account using this address (active or not), or undefined. */
export const accountByEmail = (db: Db, email: string) =>
  access(db)
    .selectFrom('access_accounts')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();

/** Whether the password is the active account's own (for changes that ask for it again). */
export const passwordMatches = async (db: Db, userId: string, password: string) => {
  const row = await access(db)
    .selectFrom('access_accounts')
    .select('password_hash')
    .where('user_id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  decoyHash ??= argon2.hash('decoy password, never valid', { type: argon2.argon2id });
  return (
    (await argon2.verify(row?.password_hash ?? (await decoyHash), password).catch(() => false)) &&
    row !== undefined
  );
};

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

/**
 * Scrubs an erased subject from the access slice's own tables: a user's account keeps its id (the log refers to
 * it) but loses its address, name and password and can never sign in again; an invitee's pending invitation goes.
 */
export const eraseAccessSubject = async (db: Db, subjectId: string) => {
  const [kind, id] = subjectId.split(/:(.*)/s);
  if (!id) return;
  if (kind === 'user') {
    await access(db)
      .transaction()
      .execute(async (tx) => {
        await tx
          .updateTable('access_accounts')
          .set({
            email: `erased-${id}@invalid`,
            display_name: ERASED,
            password_hash: 'erased',
            disabled_at: new Date(),
          })
          .where('user_id', '=', id)
          .execute();
        await tx.deleteFrom('access_sessions').where('user_id', '=', id).execute();
        await tx.deleteFrom('access_password_resets').where('user_id', '=', id).execute();
      });
  }
  if (kind === 'contact') {
    await access(db).deleteFrom('access_invitations').where('invitation_id', '=', id).execute();
  }
};

/**
 * Brings onto their organisation's team stream the accounts registered before it existed (on their own stream),
 * so role changes, deactivation and the last-admin rule see them. Run at start; enrolling twice changes nothing.
 * Raw SQL: it asks the event log which accounts its team streams do not name yet (ids are never sealed).
 */
export const enrolLegacyMembers = async (deps: AccessDeps): Promise<number> => {
  const rows = await execute<{
    user_id: string;
    organisation_id: string;
    email: string;
    display_name: string;
    role: Role;
    disabled_at: Date | null;
  }>(
    deps.db,
    `SELECT a.user_id, a.organisation_id, a.email, a.display_name, a.role, a.disabled_at
       FROM access_accounts a
      -- An account being registered right now (by another process) joins the team by its own command.
      WHERE a.created_at < now() - interval '1 minute'
        AND NOT EXISTS (
              SELECT 1 FROM es_events e
               WHERE e.stream_id = 'team-' || a.organisation_id::text
                 AND e.type IN ('UserRegistered', 'TeamMemberEnrolled')
                 AND e.data->>'userId' = a.user_id::text)
      ORDER BY a.organisation_id, a.created_at`,
  );
  const byOrganisation = new Map<string, typeof rows>();
  for (const row of rows)
    byOrganisation.set(row.organisation_id, [...(byOrganisation.get(row.organisation_id) ?? []), row]);
  let enrolled = 0;
  for (const [organisationId, members] of byOrganisation) {
    const result = await runCommand(
      { store: deps.store, clock: deps.clock, organisationId, actor: { type: 'system' } },
      teamDecider,
      teamStream(organisationId),
      {
        type: 'EnrolMembers',
        members: members.map((member) => ({
          userId: member.user_id,
          email: member.email,
          displayName: member.display_name,
          role: member.role,
          active: member.disabled_at === null,
        })),
      },
    );
    enrolled += result.events.length;
  }
  return enrolled;
};

/**
 * What the access slice keeps about a subject outside the log, for their export: a user's account (never its
 * password hash) and sessions (never their token), an invitee's pending invitation (never its token).
 */
export const exportAccessSubject = async (db: Db, subjectId: string): Promise<OutsideLogRecords> => {
  const [kind, id] = subjectId.split(/:(.*)/s);
  if (!id) return {};
  if (kind === 'user') {
    const accounts = await access(db)
      .selectFrom('access_accounts')
      .select(['email', 'display_name', 'role', 'created_at', 'disabled_at'])
      .where('user_id', '=', id)
      .execute();
    const sessions = await access(db)
      .selectFrom('access_sessions')
      .select(['created_at', 'last_seen_at', 'expires_at', 'user_agent'])
      .where('user_id', '=', id)
      .orderBy('created_at')
      .execute();
    return { accounts, sessions };
  }
  if (kind === 'contact') {
    const invitations = await access(db)
      .selectFrom('access_invitations')
      .select(['email', 'role', 'expires_at'])
      .where('invitation_id', '=', id)
      .execute();
    return { invitations };
  }
  return {};
};
