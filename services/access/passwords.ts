import type { Db } from '../db/database';
import type { Viewer } from '../kernel/auth';
import { AppError, badRequest } from '../kernel/errors';
import { hashToken, newSecretToken } from '../kernel/ids';
import type { MailPort } from '../mail/port';
import { type AccessDeps, accountByEmail, endSessions, hashPassword, passwordMatches } from './accounts';
import { recordAccountFact, recordAccountFactWithin } from './record';
import { forgetFailures } from './sign-in';
import type { AccessTables } from './tables';

const access = (db: Db) => db.withTables<AccessTables>();

/** Reset mails one address may receive per hour: more requests are answered alike and send nothing. */
const RESETS_PER_HOUR = 3;

/**
 * Changes the signed-in member's password (the current one is asked again) and ends their other sessions; the
 * new hash, the ended sessions and the fact commit together.
 */
export const changePassword = async (
  deps: AccessDeps,
  viewer: Viewer,
  input: { currentPassword: string; newPassword: string; sessionId: string | null; correlationId?: string },
) => {
  if (!(await passwordMatches(deps.db, viewer.userId, input.currentPassword))) {
    throw new AppError(400, 'current_password_wrong', 'The current password is not right');
  }
  const hash = await hashPassword(input.newPassword);
  return deps.db.transaction().execute(async (tx) => {
    const fact = await recordAccountFactWithin(
      tx,
      {
        ...deps,
        organisationId: viewer.organisationId,
        actor: { type: 'user', id: viewer.userId },
        correlationId: input.correlationId,
      },
      { type: 'ChangePassword', userId: viewer.userId },
    );
    await access(tx)
      .updateTable('access_accounts')
      .set({ password_hash: hash })
      .where('user_id', '=', viewer.userId)
      .execute();
    await endSessions(tx, viewer.userId, input.sessionId);
    return fact;
  });
};

/**
 * A reset asked for this address: when an active account uses it (and it has not had too many links this hour),
 * a new link replaces the earlier ones and goes by mail. Runs after the answer, which is the same for every
 * address.
 */
export const requestPasswordReset = async (
  deps: AccessDeps & { mail?: MailPort; ttlMinutes: number; publicUrl: string },
  email: string,
) => {
  const account = await accountByEmail(deps.db, email);
  if (!account || account.disabled_at) return;
  const now = deps.clock.now();
  const recent = await access(deps.db)
    .selectFrom('access_password_resets')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', account.user_id)
    .where('created_at', '>', new Date(now.getTime() - 3600_000))
    .executeTakeFirst();
  if (Number(recent?.count ?? 0) >= RESETS_PER_HOUR) return;
  const { token, hash } = newSecretToken();
  const expiresAt = new Date(now.getTime() + deps.ttlMinutes * 60_000);
  await access(deps.db)
    .transaction()
    .execute(async (tx) => {
      // Earlier links stop working, but still count towards the hourly allowance until they are an hour old.
      await tx
        .updateTable('access_password_resets')
        .set({ expires_at: now })
        .where('user_id', '=', account.user_id)
        .where('expires_at', '>', now)
        .execute();
      await tx
        .insertInto('access_password_resets')
        .values({ token_hash: hash, user_id: account.user_id, created_at: now, expires_at: expiresAt })
        .execute();
    });
  await recordAccountFact(
    { ...deps, organisationId: account.organisation_id, actor: { type: 'public' } },
    { type: 'RequestPasswordReset', userId: account.user_id },
  );
  await deps.mail?.queue({
    organisationId: account.organisation_id,
    to: account.email,
    locale: 'fr',
    template: 'password_reset',
    params: {
      resetUrl: `${deps.publicUrl}/reset-password?token=${token}`,
      expiresAt: expiresAt.toISOString(),
    },
    actor: { type: 'public' },
  });
  return token;
};

const invalidLink = () =>
  badRequest('reset_link_invalid', 'This reset link is not valid: it has expired or was already used');

/**
 * Sets a new password with a reset link: the link is used up, every session of the account ends, and the fact
 * commits with them. A link works once, until it expires.
 */
export const resetPassword = async (deps: AccessDeps, token: string, password: string) => {
  const tokenHash = hashToken(token);
  const now = deps.clock.now();
  const link = await access(deps.db)
    .selectFrom('access_password_resets as r')
    .innerJoin('access_accounts as a', 'a.user_id', 'r.user_id')
    .select(['a.user_id', 'a.organisation_id', 'a.email'])
    .where('r.token_hash', '=', tokenHash)
    .where('r.expires_at', '>', now)
    .where('a.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!link) throw invalidLink();
  const hash = await hashPassword(password);
  const fact = await deps.db.transaction().execute(async (tx) => {
    const recorded = await recordAccountFactWithin(
      tx,
      { ...deps, organisationId: link.organisation_id, actor: { type: 'user', id: link.user_id } },
      { type: 'ResetPassword', userId: link.user_id },
    );
    const used = await access(tx)
      .deleteFrom('access_password_resets')
      .where('user_id', '=', link.user_id)
      .returning('token_hash')
      .execute();
    // Another request used the link meanwhile: this one changes nothing (the transaction rolls back).
    if (!used.some((row) => row.token_hash === tokenHash)) throw invalidLink();
    await access(tx)
      .updateTable('access_accounts')
      .set({ password_hash: hash })
      .where('user_id', '=', link.user_id)
      .execute();
    await endSessions(tx, link.user_id);
    return recorded;
  });
  await forgetFailures(deps.db, link.email);
  return fact;
};
