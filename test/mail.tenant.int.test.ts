import { describe, expect, it } from 'vitest';
import { registerAccount } from '../services/access/accounts';
import type { Role } from '../services/kernel/auth';
import type { MailRequest } from '../services/mail/port';
import { PASSWORD } from './support/app';
import { type TwoTenants, twoTenants } from './support/tenants';

const LIST = `{ mailMessages(first: 50) { edges { node { id recipient status developmentCopy { subject text } } } } }`;

type Listed = { id: string; recipient: string; status: string; developmentCopy: { text: string } | null };

const reset = (organisationId: string, to: string, token: string): MailRequest<'password_reset'> => ({
  organisationId,
  to,
  locale: 'fr',
  template: 'password_reset',
  params: { resetUrl: `https://app.example.fr/reset?token=${token}`, expiresAt: '2026-12-01T09:00:00Z' },
  actor: { type: 'public' },
});

const memberOf = async (fixture: TwoTenants, organisationId: string, role: Role) => {
  const email = `${role}.${crypto.randomUUID()}@example.fr`;
  const { db } = fixture.t.database;
  await registerAccount(
    { db, store: fixture.t.store, clock: { now: () => new Date() } },
    { organisationId, email, displayName: role, role, password: PASSWORD },
  );
  return fixture.t.login(email, PASSWORD);
};

/** Reads the list until every message shows as sent (the reactor runs live beside the test). */
const sentList = async (fixture: TwoTenants, cookie: string, count: number) => {
  const deadline = Date.now() + 30_000;
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
    const result = await fixture.read(cookie, LIST);
    expect(result.errors).toBeUndefined();
    const nodes = (result.data!.mailMessages as { edges: { node: Listed }[] }).edges.map((edge) => edge.node);
    if (nodes.length >= count && nodes.every((node) => node.status === 'sent')) return nodes;
    if (Date.now() > deadline) throw new Error(`messages not sent in time: ${JSON.stringify(nodes)}`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
};

describe('mail: only an organisation’s administrators read its sent mail', () => {
  const fixture = twoTenants();

  it('lists only its own messages, development copies included, never another organisation’s', async () => {
    const { a, b, t } = fixture;
    await t.mail.queue(reset(a.organisationId, 'learner.a@example.fr', 'token-of-a'));
    await t.mail.queue(reset(b.organisationId, 'learner.b@example.fr', 'token-of-b'));

    const listedA = await sentList(fixture, a.cookie, 1);
    expect(listedA.map((node) => node.recipient)).toEqual(['learner.a@example.fr']);
    expect(listedA[0]!.developmentCopy!.text).toContain('token-of-a');
    const listedB = await sentList(fixture, b.cookie, 1);
    expect(listedB.map((node) => node.recipient)).toEqual(['learner.b@example.fr']);
    expect(JSON.stringify(listedB)).not.toContain('token-of-a');
    expect(JSON.stringify(listedA)).not.toContain('learner.b');
  });

  it.each<Role>(['quality_manager', 'contributor', 'auditor'])(
    'refuses the list to a member with the role %s (FORBIDDEN, no data)',
    async (role) => {
      const cookie = await memberOf(fixture, fixture.a.organisationId, role);
      const result = await fixture.read(cookie, LIST);
      expect(result.data?.mailMessages ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    },
  );

  it('refuses the list to anyone signed out', async () => {
    const result = await fixture.read(undefined, LIST);
    expect(result.data?.mailMessages ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
