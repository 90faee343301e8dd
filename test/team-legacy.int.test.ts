import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolLegacyMembers } from '../services/access/accounts';
import { userStream } from '../services/access/events';
import { execute } from '../services/db/database';
import { newId } from '../services/kernel/ids';
import { PASSWORD, startTestApp, type TestApp } from './support/app';

/** An account as the access slice wrote it before the team stream: a row, and UserRegistered on its own stream. */
const registerTheOldWay = async (t: TestApp, organisationId: string, role: 'admin' | 'contributor') => {
  const userId = newId();
  const email = `ancien.${userId.slice(0, 8)}@example.fr`;
  await execute(
    t.database.db,
    `INSERT INTO access_accounts (user_id, organisation_id, email, display_name, role, password_hash, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() - interval '1 day')`,
    [userId, organisationId, email, 'Ancien membre', role, await argon2.hash(PASSWORD)],
  );
  await t.store.append(
    userStream(userId),
    [
      {
        id: newId(),
        type: 'UserRegistered',
        data: { userId, organisationId, email, displayName: 'Ancien membre', role },
        metadata: {
          organisationId,
          actor: { type: 'user', id: userId },
          occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
          schemaVersion: 1,
        },
      },
    ],
    { expectedRevision: 'no_stream' },
  );
  return userId;
};

describe('accounts registered before the team stream', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.stop());

  it('join it at start, once, and then take role changes and deactivation like any member', async () => {
    const { organisationId, cookie } = await t.organisation('Formations Anciennes');
    const contributor = await registerTheOldWay(t, organisationId, 'contributor');
    const deactivate = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/team/members/${contributor}/deactivate`,
        headers: { cookie },
      });
    // Before enrolment the team stream does not know them.
    expect((await deactivate()).statusCode).toBe(404);

    expect(
      await enrolLegacyMembers({ db: t.database.db, store: t.store, clock: { now: () => new Date() } }),
    ).toBe(1);
    expect(
      await enrolLegacyMembers({ db: t.database.db, store: t.store, clock: { now: () => new Date() } }),
    ).toBe(0);

    const answer = await deactivate();
    expect(answer.statusCode).toBe(200);
  });
});
