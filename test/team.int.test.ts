import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestPasswordReset } from '../services/access/passwords';
import { execute } from '../services/db/database';
import type { Role } from '../services/kernel/auth';
import { fixedClock } from '../services/kernel/clock';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';
import * as team from './support/team';
import { type Admin, cookieOf, nextAddress, signIn } from './support/team';

const ME = '{ me { id role } }';
const TEAM =
  '{ team { members { id email role active lastSignInAt } invitations { id email role expired } } }';
const LOG =
  '{ securityLog(first: 50) { edges { node { type userId userName actorName role previousRole failures } } } }';

describe('team: invitations, roles, deactivation, sign-in protection', () => {
  const clock = fixedClock(new Date('2026-11-28T08:00:00Z'));
  let t: TestApp;
  let admin: Admin;
  /**
   * Waits until the mail reactor has recorded the outcome of every message queued so far: from then on the log
   * moves only with what the test does (its record of a sending may otherwise land at any time).
   */
  const mailSettled = () =>
    expect
      .poll(
        async () =>
          (
            await execute<{ n: number }>(
              t.database.db,
              `SELECT (count(*) FILTER (WHERE type = 'MailQueued')
                     - count(*) FILTER (WHERE type IN ('MailSent', 'MailRefused', 'MailFailed')))::int AS n
                 FROM es_events`,
            )
          )[0]!.n,
        { timeout: 30_000 },
      )
      .toBe(0);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.organisation('Formations Martin');
  });
  afterAll(() => t?.stop());
  // Tests move the clock on: each starts with a fresh admin session.
  beforeEach(async () => {
    if (admin) admin.cookie = cookieOf(await signIn(t, admin.email, PASSWORD));
  });

  const colleague = (_t: TestApp, owner: Admin, role: Role, name?: string) =>
    team.colleague(t, owner, role, name, clock);
  const invitationLink = (_t: TestApp, owner: Admin, email: string, role: Role) =>
    team.invitationLink(t, owner, email, role, clock);

  const post = (cookie: string | undefined, url: string, payload: object = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: cookie ? { cookie } : {},
      remoteAddress: nextAddress(),
    });
  const read = async (cookie: string, query: string) =>
    graphql(t.app, cookie, query, {}, await t.lastPosition());
  const me = async (cookie: string) => (await read(cookie, ME)).data?.me ?? null;

  it('invites a colleague, who chooses a name and a password and joins with the invited role', async () => {
    const invited = await post(admin.cookie, '/api/team/invitations', {
      email: 'Camille.Roux@example.fr',
      role: 'quality_manager',
    });
    expect(invited.statusCode).toBe(201);
    const team = (await read(admin.cookie, TEAM)).data?.team as {
      invitations: { id: string; email: string; role: string; expired: boolean }[];
    };
    expect(team.invitations).toContainEqual({
      id: invited.json().id,
      email: 'camille.roux@example.fr',
      role: 'quality_manager',
      expired: false,
    });

    const joined = await colleague(t, admin, 'contributor', 'Jeanne Contributrice');
    expect(await me(joined.cookie)).toEqual({ id: joined.userId, role: 'contributor' });
    const members = ((await read(admin.cookie, TEAM)).data?.team as { members: { id: string }[] } | undefined)
      ?.members;
    expect(members?.map((member) => member.id)).toContain(joined.userId);
  });

  it('an invitation link works once', async () => {
    const { token } = await invitationLink(t, admin, `once.${crypto.randomUUID()}@example.fr`, 'auditor');
    const first = await post(undefined, '/api/auth/invitation/accept', {
      token,
      name: 'Une',
      password: PASSWORD,
    });
    expect(first.statusCode).toBe(201);
    await mailSettled();
    const before = await t.lastPosition();
    const again = await post(undefined, '/api/auth/invitation/accept', {
      token,
      name: 'Deux',
      password: PASSWORD,
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('invitation_invalid');
    expect(await t.lastPosition()).toBe(before);
  });

  it('an expired invitation link is refused, and resending gives a new link that replaces it', async () => {
    const email = `late.${crypto.randomUUID()}@example.fr`;
    const { token, invitationId } = await invitationLink(t, admin, email, 'auditor');
    clock.advance(8 * 86_400_000);
    const late = await post(undefined, '/api/auth/invitation/accept', {
      token,
      name: 'Tard',
      password: PASSWORD,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('invitation_expired');
    admin.cookie = cookieOf(await signIn(t, admin.email, PASSWORD));
    const resent = await post(admin.cookie, `/api/team/invitations/${invitationId}/resend`);
    expect(resent.statusCode).toBe(200);
    const old = await post(undefined, '/api/auth/invitation', { token });
    expect(old.statusCode).toBe(404);
  });

  it('a revoked invitation link stops working', async () => {
    const { token, invitationId } = await invitationLink(
      t,
      admin,
      `rev.${crypto.randomUUID()}@example.fr`,
      'auditor',
    );
    expect((await post(admin.cookie, `/api/team/invitations/${invitationId}/revoke`)).statusCode).toBe(200);
    const accepted = await post(undefined, '/api/auth/invitation/accept', {
      token,
      name: 'X',
      password: PASSWORD,
    });
    expect(accepted.statusCode).toBe(404);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    await mailSettled();
    const before = await t.lastPosition();
    for (const [url, payload] of [
      ['/api/team/invitations', { email: 'not an address', role: 'auditor' }],
      ['/api/team/invitations', { email: 'x@example.fr', role: 'owner' }],
      [`/api/team/members/${admin.userId}/role`, { role: 'superuser' }],
      ['/api/team/members/not-a-uuid/deactivate', {}],
      ['/api/auth/invitation/accept', { token: 'short', name: 'X', password: PASSWORD }],
      ['/api/auth/password-reset/confirm', { token: 'a'.repeat(43), password: 'short' }],
    ] as const) {
      const response = await post(admin.cookie, url, payload);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().code).toBeTypeOf('string');
    }
    expect(await t.lastPosition()).toBe(before);
  });

  it('refuses team commands to members who are not admins (403) and writes nothing', async () => {
    const qm = await colleague(t, admin, 'quality_manager');
    const auditor = await colleague(t, admin, 'auditor');
    await mailSettled();
    const before = await t.lastPosition();
    for (const cookie of [qm.cookie, auditor.cookie]) {
      for (const [url, payload] of [
        ['/api/team/invitations', { email: `x.${crypto.randomUUID()}@example.fr`, role: 'admin' }],
        [`/api/team/members/${qm.userId}/role`, { role: 'admin' }],
        [`/api/team/members/${admin.userId}/deactivate`, {}],
        [`/api/team/members/${auditor.userId}/reactivate`, {}],
      ] as const) {
        const response = await post(cookie, url, payload);
        expect(response.statusCode, url).toBe(403);
        expect(response.json().code).toBe('forbidden');
      }
      const team = await read(cookie, TEAM);
      expect(team.data ?? null).toBeNull();
      expect(team.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await t.lastPosition()).toBe(before);
  });

  it('keeps the last active admin: demoting or deactivating them answers 409 last_admin', async () => {
    const solo = await t.organisation('Solo');
    for (const [url, payload] of [
      [`/api/team/members/${solo.userId}/role`, { role: 'auditor' }],
      [`/api/team/members/${solo.userId}/deactivate`, {}],
    ] as const) {
      const response = await post(solo.cookie, url, payload);
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('last_admin');
    }
    expect(await me(solo.cookie)).toMatchObject({ role: 'admin' });
  });

  it('changes a role at once and records who did it in the security log', async () => {
    const member = await colleague(t, admin, 'contributor', 'Paul Promu');
    const changed = await post(admin.cookie, `/api/team/members/${member.userId}/role`, {
      role: 'quality_manager',
    });
    expect(changed.statusCode).toBe(200);
    expect(await me(member.cookie)).toMatchObject({ role: 'quality_manager' });
    const log = (await read(admin.cookie, LOG)).data?.securityLog as {
      edges: { node: Record<string, unknown> }[];
    };
    expect(log.edges.map((edge) => edge.node)).toContainEqual(
      expect.objectContaining({
        type: 'UserRoleChanged',
        userId: member.userId,
        userName: 'Paul Promu',
        actorName: 'Admin Formations Martin',
        role: 'quality_manager',
        previousRole: 'contributor',
      }),
    );
  });

  it('deactivation ends an open session at once; reactivation lets them sign in again', async () => {
    const member = await colleague(t, admin, 'contributor');
    expect(await me(member.cookie)).not.toBeNull();
    expect((await post(admin.cookie, `/api/team/members/${member.userId}/deactivate`)).statusCode).toBe(200);
    expect(await me(member.cookie)).toBeNull();
    const command = await post(member.cookie, '/api/training-actions', { title: 'x', category: 'training' });
    expect(command.statusCode).toBe(401);
    expect((await signIn(t, member.email, PASSWORD)).statusCode).toBe(401);
    expect((await post(admin.cookie, `/api/team/members/${member.userId}/reactivate`)).statusCode).toBe(200);
    expect((await signIn(t, member.email, PASSWORD)).statusCode).toBe(200);
  });

  it('throttles one account with growing delays, whatever the address, and answers 429 with Retry-After', async () => {
    const member = await colleague(t, admin, 'contributor', 'Visée');
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await signIn(t, member.email, 'wrong password!')).statusCode).toBe(401);
    }
    const refused = await signIn(t, member.email, PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('sign_in_throttled');
    expect(refused.headers['retry-after']).toBe('60');

    clock.advance(61_000);
    expect((await signIn(t, member.email, 'wrong again!!')).statusCode).toBe(401);
    const longer = await signIn(t, member.email, PASSWORD);
    expect(longer.statusCode).toBe(429);
    expect(longer.headers['retry-after']).toBe('120');

    // Another account is not slowed down by it.
    expect((await signIn(t, admin.email, PASSWORD)).statusCode).toBe(200);

    clock.advance(121_000);
    const ok = await signIn(t, member.email, PASSWORD);
    expect(ok.statusCode).toBe(200);
    // The owner's security log records the burst (the notice mail goes with it).
    await expect
      .poll(async () => {
        const log = (await read(admin.cookie, LOG)).data?.securityLog as {
          edges: { node: Record<string, unknown> }[];
        };
        return log.edges.map((edge) => edge.node);
      })
      .toContainEqual(
        expect.objectContaining({ type: 'SignInFailuresRecorded', userId: member.userId, failures: 5 }),
      );
  });

  it('throttles an unknown address exactly like a known one', async () => {
    const unknown = `nobody.${crypto.randomUUID()}@example.fr`;
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await signIn(t, unknown, 'whatever password')).statusCode).toBe(401);
    }
    const refused = await signIn(t, unknown, 'whatever password');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    clock.advance(61_000);
  });

  it('answers a reset request identically for known and unknown addresses', async () => {
    const known = await post(undefined, '/api/auth/password-reset', { email: admin.email });
    const unknown = await post(undefined, '/api/auth/password-reset', {
      email: `no.${crypto.randomUUID()}@example.fr`,
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(known.headers).sort());
  });

  it('a reset link works once, ends every session, and expires', async () => {
    const member = await colleague(t, admin, 'contributor');
    const deps = { db: t.database.db, store: t.store, clock, ttlMinutes: 60, publicUrl: 'http://localhost' };
    const token = await requestPasswordReset(deps, member.email);
    expect(token).toBeTypeOf('string');
    const newPassword = 'a brand new passphrase';
    const reset = await post(undefined, '/api/auth/password-reset/confirm', { token, password: newPassword });
    expect(reset.statusCode).toBe(200);
    expect(await me(member.cookie)).toBeNull();
    expect((await signIn(t, member.email, newPassword)).statusCode).toBe(200);
    await mailSettled();
    const before = await t.lastPosition();
    const again = await post(undefined, '/api/auth/password-reset/confirm', {
      token,
      password: 'yet another passphrase',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('reset_link_invalid');
    expect(await t.lastPosition()).toBe(before);

    const late = await requestPasswordReset(deps, member.email);
    clock.advance(61 * 60_000);
    const expired = await post(undefined, '/api/auth/password-reset/confirm', {
      token: late,
      password: 'too late passphrase',
    });
    expect(expired.statusCode).toBe(400);
    expect((await signIn(t, member.email, newPassword)).statusCode).toBe(200);
  });

  it('changes one’s password with the current one, ending one’s other sessions', async () => {
    const member = await colleague(t, admin, 'contributor');
    const other = cookieOf(await signIn(t, member.email, PASSWORD));
    const wrong = await post(member.cookie, '/api/account/password', {
      currentPassword: 'not the password',
      newPassword: 'a changed passphrase',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('current_password_wrong');
    const changed = await post(member.cookie, '/api/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'a changed passphrase',
    });
    expect(changed.statusCode).toBe(200);
    expect(await me(member.cookie)).not.toBeNull();
    expect(await me(other)).toBeNull();
    expect((await signIn(t, member.email, PASSWORD)).statusCode).toBe(401);
  });

  it('lists one’s sessions and signs out everywhere else', async () => {
    const member = await colleague(t, admin, 'contributor');
    const phone = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: member.email, password: PASSWORD },
      headers: { 'user-agent': 'Téléphone de test' },
      remoteAddress: nextAddress(),
    });
    const phoneCookie = cookieOf(phone);
    const listed = await t.app.inject({
      method: 'GET',
      url: '/api/account/sessions',
      headers: { cookie: member.cookie },
    });
    const sessions = listed.json().sessions as { userAgent: string | null; current: boolean }[];
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    expect(sessions.map((session) => session.userAgent)).toContain('Téléphone de test');
    const ended = await post(member.cookie, '/api/account/sessions/end-others');
    expect(ended.json()).toEqual({ ended: 1 });
    expect(await me(phoneCookie)).toBeNull();
    expect(await me(member.cookie)).not.toBeNull();
  });

  it('rotates the session at sign-in: the cookie the request came with stops working', async () => {
    const member = await colleague(t, admin, 'contributor');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: member.email, password: PASSWORD },
      headers: { cookie: member.cookie },
      remoteAddress: nextAddress(),
    });
    expect(again.statusCode).toBe(200);
    expect(cookieOf(again)).not.toBe(member.cookie);
    expect(await me(member.cookie)).toBeNull();
    expect(await me(cookieOf(again))).not.toBeNull();
  });

  it('ends a session left idle, and any session past its lifetime however used', async () => {
    const member = await colleague(t, admin, 'contributor');
    clock.advance(119 * 60_000);
    expect(await me(member.cookie)).not.toBeNull();
    clock.advance(119 * 60_000);
    expect(await me(member.cookie)).not.toBeNull();
    clock.advance(121 * 60_000);
    expect(await me(member.cookie)).toBeNull();

    const busy = cookieOf(await signIn(t, member.email, PASSWORD));
    for (let hour = 0; hour < 168; hour += 1) {
      clock.advance(3600_000);
      if (hour < 167) expect(await me(busy), `hour ${hour}`).not.toBeNull();
    }
    expect(await me(busy)).toBeNull();
  });
  it('answers a retried invitation (same Idempotency-Key) with the first result, recording it once', async () => {
    const email = `retry.${crypto.randomUUID()}@example.fr`;
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/team/invitations',
        payload: { email, role: 'contributor' },
        headers: { cookie: admin.cookie, 'idempotency-key': `invite-${email}` },
        remoteAddress: nextAddress(),
      });
    // What the invitation records: the invitation on the team's stream and its message queued (the mail
    // reactor's own record of sending it may come at any time, so the whole log is not the measure).
    const recorded = async () =>
      (
        await execute<{ n: number }>(
          t.database.db,
          `SELECT count(*)::int AS n FROM es_events WHERE type IN ('InvitationSent', 'MailQueued')`,
        )
      )[0]!.n;
    const first = await send();
    const before = await recorded();
    const again = await send();
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await recorded()).toBe(before);
  });

  it('two admins demoting each other at once: one change wins, the organisation keeps an admin', async () => {
    const pair = await t.organisation('Duo');
    const second = await team.colleague(t, pair, 'admin', 'Seconde', clock);
    const [one, two] = await Promise.all([
      post(pair.cookie, `/api/team/members/${second.userId}/role`, { role: 'contributor' }),
      post(second.cookie, `/api/team/members/${pair.userId}/role`, { role: 'contributor' }),
    ]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([200, 409]);
    const refused = one.statusCode === 409 ? one : two;
    expect(refused.json().code).toMatch(/^(last_admin|forbidden)$/);
    const roles = await execute<{ role: string }>(
      t.database.db,
      `SELECT role FROM access_accounts WHERE organisation_id = '${pair.organisationId}'`,
    );
    expect(roles.map((row) => row.role).sort()).toEqual(['admin', 'contributor']);
  });

  it('keeps credentials, tokens and hashes out of the event log', async () => {
    const events = await execute<{ data: unknown; metadata: unknown }>(
      t.database.db,
      'SELECT data, metadata FROM es_events',
    );
    const log = JSON.stringify(events);
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain('$argon2');
    expect(log).not.toContain('a brand new passphrase');
    // No field of any event is a token, a hash or a password. The field names are what is checked: the sealed
    // personal values are random base64, which spells "hash" or "token" now and then.
    const fieldNames = new Set<string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        for (const [name, inner] of Object.entries(value)) {
          fieldNames.add(name);
          collect(inner);
        }
      }
    };
    collect(events);
    expect(fieldNames.size).toBeGreaterThan(10);
    expect([...fieldNames].filter((name) => /token|hash|password/i.test(name))).toEqual([]);
  });
});
