import type { Db } from '../db/database';
import type { Viewer } from '../kernel/auth';
import { AppError } from '../kernel/errors';
import type { MailPort } from '../mail/port';
import { type AccessDeps, accountByEmail, verifyCredentials } from './accounts';
import { recordAccountFact } from './record';
import type { AccessTables } from './tables';
import { delayAfterFailures, FAILURE_MEMORY_MS, noticeDue, type ThrottlePolicy } from './throttle';

const access = (db: Db) => db.withTables<AccessTables>();

export interface SignInDeps extends AccessDeps {
  policy: ThrottlePolicy;
  mail?: MailPort;
  /** Work done after the answer (the notice), so that the answer does not wait for it. */
  later(work: () => Promise<unknown>): void;
}

const throttled = (retryAfterSeconds: number) =>
  new AppError(
    429,
    'sign_in_throttled',
    `Too many failed sign-ins on this account; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );

/** Refuses, before any password check, an address whose account waits out a delay. */
const checkDelay = async (deps: SignInDeps, email: string) => {
  const row = await access(deps.db)
    .selectFrom('access_sign_in_failures')
    .select('locked_until')
    .where('email', '=', email)
    .executeTakeFirst();
  const now = deps.clock.now().getTime();
  if (row?.locked_until && row.locked_until.getTime() > now) {
    throw throttled(Math.max(1, Math.ceil((row.locked_until.getTime() - now) / 1000)));
  }
};

/** Counts one more failure on the address (a streak older than a day starts again) and sets its delay. */
const countFailure = async (deps: SignInDeps, email: string) => {
  const now = deps.clock.now();
  const row = await access(deps.db)
    .insertInto('access_sign_in_failures')
    .values({ email, failures: 1, last_failure_at: now, locked_until: null })
    .onConflict((conflict) =>
      conflict.column('email').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('access_sign_in_failures.last_failure_at', '<', new Date(now.getTime() - FAILURE_MEMORY_MS))
          .then(1)
          .else(eb('access_sign_in_failures.failures', '+', 1))
          .end(),
        last_failure_at: now,
      })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  const delaySeconds = delayAfterFailures(row.failures, deps.policy);
  if (delaySeconds === 0) return { failures: row.failures, lockedUntil: undefined };
  const lockedUntil = new Date(now.getTime() + delaySeconds * 1000);
  await access(deps.db)
    .updateTable('access_sign_in_failures')
    .set({ locked_until: lockedUntil })
    .where('email', '=', email)
    .execute();
  return { failures: row.failures, lockedUntil };
};

/** Records the burst in the account's security log and tells its owner by mail. */
const notice = async (deps: SignInDeps, email: string, failures: number, lockedUntil: Date) => {
  const account = await accountByEmail(deps.db, email);
  if (!account) return;
  const context = {
    store: deps.store,
    clock: deps.clock,
    organisationId: account.organisation_id,
    actor: { type: 'public' as const },
  };
  await recordAccountFact(context, {
    type: 'RecordSignInFailures',
    userId: account.user_id,
    failures,
    lockedUntil: lockedUntil.toISOString(),
  });
  await deps.mail?.queue({
    organisationId: account.organisation_id,
    to: account.email,
    locale: 'fr',
    template: 'sign_in_failures',
    params: { failures, lastAttemptAt: deps.clock.now().toISOString() },
    actor: { type: 'system' },
    idempotencyKey: `sign-in-failures:${account.user_id}:${lockedUntil.toISOString()}`,
  });
};

/**
 * Checks an e-mail and password under the account's throttle: 429 while a delay runs, 401 on a wrong pair (and
 * one more failure counted), the member on success (the streak forgotten, the sign-in recorded). Addresses that
 * no account uses are throttled alike, so neither answer tells whether an account exists.
 */
export const signIn = async (deps: SignInDeps, email: string, password: string): Promise<Viewer> => {
  const key = email.toLowerCase();
  await checkDelay(deps, key);
  const viewer = await verifyCredentials(deps, key, password);
  if (!viewer) {
    const { failures, lockedUntil } = await countFailure(deps, key);
    if (lockedUntil && noticeDue(failures, deps.policy)) {
      deps.later(() => notice(deps, key, failures, lockedUntil));
    }
    throw new AppError(401, 'invalid_credentials', 'Wrong e-mail or password');
  }
  await access(deps.db).deleteFrom('access_sign_in_failures').where('email', '=', key).execute();
  await recordAccountFact(
    {
      store: deps.store,
      clock: deps.clock,
      organisationId: viewer.organisationId,
      actor: { type: 'user', id: viewer.userId },
    },
    { type: 'RecordSignIn', userId: viewer.userId },
  );
  return viewer;
};

/** Forgets an address's failures (after a password reset, the owner starts afresh). */
export const forgetFailures = async (db: Db, email: string) => {
  await access(db).deleteFrom('access_sign_in_failures').where('email', '=', email.toLowerCase()).execute();
};
