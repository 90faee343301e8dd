import type { LightMyRequestResponse } from 'fastify';
import { invite } from '../../services/access/team';
import type { Role } from '../../services/kernel/auth';
import { type Clock, systemClock } from '../../services/kernel/clock';
import { newId } from '../../services/kernel/ids';
import { PASSWORD, type TestApp } from './app';

let address = 0;
/** A new client address for each sign-in, so that tests never meet the per-address request limit. */
export const nextAddress = () => `10.1.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

export const signIn = (t: TestApp, email: string, password: string, remoteAddress = nextAddress()) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

export const cookieOf = (response: LightMyRequestResponse) => {
  const cookie = response.cookies.find((candidate) => candidate.name === 'sid');
  if (!cookie) throw new Error(`no session cookie: ${response.statusCode} ${response.body}`);
  return `sid=${cookie.value}`;
};

export interface Admin {
  organisationId: string;
  userId: string;
  email: string;
  cookie: string;
}

/** An invitation link as its mail carries it (the admin's invitation, recorded like the route records it). */
export const invitationLink = async (
  t: TestApp,
  admin: Admin,
  email: string,
  role: Role,
  clock: Clock = systemClock,
) => {
  const deps = {
    db: t.database.db,
    store: t.store,
    clock,
    invitationTtlDays: 7,
    publicUrl: 'http://localhost',
  };
  const viewer = { ...admin, role: 'admin' as const, displayName: 'Admin' };
  const context = {
    ...deps,
    organisationId: admin.organisationId,
    actor: { type: 'user' as const, id: admin.userId },
  };
  const invitationId = newId();
  const { token } = await invite(deps, context, viewer, { invitationId, email, role });
  return { invitationId, token: token! };
};

/** A colleague invited with the role who accepted: their id, address and session cookie. */
export const colleague = async (
  t: TestApp,
  admin: Admin,
  role: Role,
  name = 'Collègue',
  clock: Clock = systemClock,
) => {
  const email = `${role}.${crypto.randomUUID()}@example.fr`;
  const { token } = await invitationLink(t, admin, email, role, clock);
  const accepted = await t.app.inject({
    method: 'POST',
    url: '/api/auth/invitation/accept',
    payload: { token, name, password: PASSWORD },
    remoteAddress: nextAddress(),
  });
  if (accepted.statusCode !== 201) throw new Error(`accept failed: ${accepted.body}`);
  return { userId: accepted.json().userId as string, email, cookie: cookieOf(accepted) };
};
