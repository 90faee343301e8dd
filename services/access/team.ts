import type { Db } from '../db/database';
import type { Role, Viewer } from '../kernel/auth';
import { type CommandContext, runCommand } from '../kernel/command';
import { conflict, notFound } from '../kernel/errors';
import { hashToken, newId, newSecretToken } from '../kernel/ids';
import type { MailPort } from '../mail/port';
import { type AccessDeps, endSessions, hashPassword } from './accounts';
import { type TeamCommand, teamDecider } from './decider';
import { teamStream } from './events';
import type { AccessTables } from './tables';

const access = (db: Db) => db.withTables<AccessTables>();

export interface TeamDeps extends AccessDeps {
  mail?: MailPort;
  invitationTtlDays: number;
  publicUrl: string;
}

const acceptUrl = (deps: TeamDeps, token: string) => `${deps.publicUrl}/invitation?token=${token}`;

const by = (viewer: Viewer) => ({ userId: viewer.userId, role: viewer.role });

const runTeam = (context: CommandContext, command: TeamCommand) =>
  runCommand(context, teamDecider, teamStream(context.organisationId), command);

const mailInvitation = async (
  deps: TeamDeps,
  viewer: Viewer,
  invitation: { invitationId: string; email: string; role: Role; token: string; expiresAt: Date },
) => {
  await deps.mail?.queue({
    organisationId: viewer.organisationId,
    to: invitation.email,
    locale: 'fr',
    template: 'invitation',
    params: {
      inviterName: viewer.displayName,
      role: invitation.role,
      acceptUrl: acceptUrl(deps, invitation.token),
      expiresAt: invitation.expiresAt.toISOString(),
    },
    actor: { type: 'user', id: viewer.userId },
    idempotencyKey: `invitation:${invitation.invitationId}:${hashToken(invitation.token)}`,
  });
};

/**
 * Invites a colleague: the link's hash is kept beside the log, the invitation is recorded, the link is mailed.
 * A refused invitation leaves no link behind.
 */
export const invite = async (
  deps: TeamDeps,
  context: CommandContext,
  viewer: Viewer,
  input: { invitationId: string; email: string; role: Role },
) => {
  const { token, hash } = newSecretToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.invitationTtlDays * 86_400_000);
  const inserted = await access(deps.db)
    .insertInto('access_invitations')
    .values({
      invitation_id: input.invitationId,
      organisation_id: viewer.organisationId,
      token_hash: hash,
      email: input.email,
      role: input.role,
      expires_at: expiresAt,
    })
    .onConflict((conflict) => conflict.column('invitation_id').doNothing())
    .returning('invitation_id')
    .execute();
  let result: Awaited<ReturnType<typeof runTeam>>;
  try {
    result = await runTeam(context, {
      type: 'InviteMember',
      ...input,
      expiresAt: expiresAt.toISOString(),
      now: now.toISOString(),
      by: by(viewer),
    });
  } catch (error) {
    if (inserted.length > 0) {
      await access(deps.db)
        .deleteFrom('access_invitations')
        .where('invitation_id', '=', input.invitationId)
        .execute();
    }
    throw error;
  }
  // A retried request (same Idempotency-Key) finds its invitation recorded and its link already mailed.
  if (inserted.length > 0) await mailInvitation(deps, viewer, { ...input, token, expiresAt });
  return { token: inserted.length > 0 ? token : undefined, ...result };
};

/** Sends a new link for a pending invitation; the earlier link stops working. */
export const resendInvitation = async (
  deps: TeamDeps,
  context: CommandContext,
  viewer: Viewer,
  invitationId: string,
) => {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.invitationTtlDays * 86_400_000);
  const result = await runTeam(context, {
    type: 'ResendInvitation',
    invitationId,
    expiresAt: expiresAt.toISOString(),
    by: by(viewer),
  });
  const { token, hash } = newSecretToken();
  const row = await access(deps.db)
    .updateTable('access_invitations')
    .set({ token_hash: hash, expires_at: expiresAt })
    .where('invitation_id', '=', invitationId)
    .where('organisation_id', '=', viewer.organisationId)
    .returning(['email', 'role'])
    .executeTakeFirst();
  if (row)
    await mailInvitation(deps, viewer, { invitationId, email: row.email, role: row.role, token, expiresAt });
  return { token: row ? token : undefined, ...result };
};

export const revokeInvitation = async (
  deps: TeamDeps,
  context: CommandContext,
  viewer: Viewer,
  invitationId: string,
) => {
  const result = await runTeam(context, { type: 'RevokeInvitation', invitationId, by: by(viewer) });
  await access(deps.db)
    .deleteFrom('access_invitations')
    .where('invitation_id', '=', invitationId)
    .where('organisation_id', '=', viewer.organisationId)
    .execute();
  return result;
};

const invalidInvitation = () => notFound('invitation_invalid', 'This invitation link is not valid');

/** What the holder of an invitation link sees before accepting it. */
export const invitationByToken = async (db: Db, token: string) => {
  const row = await access(db)
    .selectFrom('access_invitations')
    .select(['invitation_id', 'organisation_id', 'email', 'role', 'expires_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) throw invalidInvitation();
  return row;
};

/**
 * Accepts an invitation: the address is reserved, the member recorded (the decider refuses a used, revoked or
 * expired invitation), then the link is used up. A refusal undoes the reservation.
 */
export const acceptInvitation = async (
  deps: AccessDeps,
  input: { token: string; displayName: string; password: string; correlationId?: string },
) => {
  const invitation = await invitationByToken(deps.db, input.token);
  if (invitation.expires_at <= deps.clock.now()) {
    throw conflict('invitation_expired', 'This invitation has expired; ask for a new one');
  }
  const userId = newId();
  const reserved = await access(deps.db)
    .insertInto('access_accounts')
    .values({
      user_id: userId,
      organisation_id: invitation.organisation_id,
      email: invitation.email,
      display_name: input.displayName,
      role: invitation.role,
      password_hash: await hashPassword(input.password),
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
        organisationId: invitation.organisation_id,
        actor: { type: 'user', id: userId },
        correlationId: input.correlationId,
      },
      teamDecider,
      teamStream(invitation.organisation_id),
      {
        type: 'AcceptInvitation',
        invitationId: invitation.invitation_id,
        userId,
        organisationId: invitation.organisation_id,
        displayName: input.displayName,
        now: deps.clock.now().toISOString(),
      },
    );
    await access(deps.db)
      .deleteFrom('access_invitations')
      .where('invitation_id', '=', invitation.invitation_id)
      .execute();
    return { userId, email: invitation.email, ...result };
  } catch (error) {
    await access(deps.db).deleteFrom('access_accounts').where('user_id', '=', userId).execute();
    throw error;
  }
};

/**
 * Role and status changes: decided on the team stream (which keeps an active admin), then applied to the
 * account the sign-in reads. Applying is idempotent, so a retry after a failure in between finishes the work.
 */
export const changeRole = async (
  context: CommandContext,
  db: Db,
  viewer: Viewer,
  userId: string,
  role: Role,
) => {
  const result = await runTeam(context, { type: 'ChangeRole', userId, role, by: by(viewer) });
  await access(db)
    .updateTable('access_accounts')
    .set({ role })
    .where('user_id', '=', userId)
    .where('organisation_id', '=', viewer.organisationId)
    .execute();
  return result;
};

/** Deactivates a member: their sessions end at once. */
export const deactivate = async (context: CommandContext, db: Db, viewer: Viewer, userId: string) => {
  const result = await runTeam(context, { type: 'DeactivateMember', userId, by: by(viewer) });
  await access(db)
    .updateTable('access_accounts')
    .set({ disabled_at: context.clock.now() })
    .where('user_id', '=', userId)
    .where('organisation_id', '=', viewer.organisationId)
    .where('disabled_at', 'is', null)
    .execute();
  await endSessions(db, userId);
  return result;
};

export const reactivate = async (context: CommandContext, db: Db, viewer: Viewer, userId: string) => {
  const result = await runTeam(context, { type: 'ReactivateMember', userId, by: by(viewer) });
  await access(db)
    .updateTable('access_accounts')
    .set({ disabled_at: null })
    .where('user_id', '=', userId)
    .where('organisation_id', '=', viewer.organisationId)
    .execute();
  return result;
};
