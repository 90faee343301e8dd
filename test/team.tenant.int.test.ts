import { describe, expect, it } from 'vitest';
import { PASSWORD } from './support/app';
import { invitationLink } from './support/team';
import { twoTenants } from './support/tenants';

const TEAM = '{ team { members { id email } invitations { id email } } }';

describe('team: an organisation’s admin never reads or changes another’s team', () => {
  const fixture = twoTenants();

  const idOf = async (cookie: string) => {
    const result = await fixture.read(cookie, '{ me { id } }');
    return (result.data?.me as { id: string } | undefined)?.id ?? '';
  };
  const adminOf = async (tenant: typeof fixture.a) => ({
    organisationId: tenant.organisationId,
    userId: await idOf(tenant.cookie),
    email: '',
    cookie: tenant.cookie,
  });

  it('answers 404 to role, deactivation and reactivation of another organisation’s member, writing nothing', async () => {
    const { a, b, post, t } = fixture;
    const bAdmin = await idOf(b.cookie);
    const before = await t.lastPosition();
    for (const [url, payload] of [
      [`/api/team/members/${bAdmin}/role`, { role: 'auditor' }],
      [`/api/team/members/${bAdmin}/deactivate`, {}],
      [`/api/team/members/${bAdmin}/reactivate`, {}],
    ] as const) {
      const response = await post(a.cookie, url, payload);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code).toBe('member_not_found');
    }
    expect(await t.lastPosition()).toBe(before);
    expect((await fixture.read(b.cookie, '{ me { role } }')).data?.me).toEqual({ role: 'admin' });
  });

  it('answers 404 to resending or revoking another organisation’s invitation', async () => {
    const { a, b, post, t } = fixture;
    const { invitationId, token } = await invitationLink(
      t,
      await adminOf(b),
      `b.${crypto.randomUUID()}@example.fr`,
      'auditor',
    );
    const before = await t.lastPosition();
    for (const action of ['resend', 'revoke']) {
      const response = await post(a.cookie, `/api/team/invitations/${invitationId}/${action}`);
      expect(response.statusCode, action).toBe(404);
      expect(response.json().code).toBe('invitation_not_found');
    }
    expect(await t.lastPosition()).toBe(before);
    const still = await post(undefined, '/api/auth/invitation', { token });
    expect(still.statusCode).toBe(200);
  });

  it('shows each admin only their own members, invitations and security log', async () => {
    const { a, b, t, read } = fixture;
    const bEmail = `only-b.${crypto.randomUUID()}@example.fr`;
    await invitationLink(t, await adminOf(b), bEmail, 'contributor');
    const teamOfA = (await read(a.cookie, TEAM)).data?.team as {
      members: { id: string }[];
      invitations: { email: string }[];
    };
    expect(teamOfA.members.map((member) => member.id)).not.toContain(await idOf(b.cookie));
    expect(teamOfA.invitations.map((invitation) => invitation.email)).not.toContain(bEmail);
    const teamOfB = (await read(b.cookie, TEAM)).data?.team as { invitations: { email: string }[] };
    expect(teamOfB.invitations.map((invitation) => invitation.email)).toContain(bEmail);

    // A security fact of B (sessions ended elsewhere) stays in B's log.
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: await emailOf(b.cookie), password: PASSWORD },
      remoteAddress: '10.9.9.9',
    });
    expect(second.statusCode).toBe(200);
    expect((await fixture.post(b.cookie, '/api/account/sessions/end-others')).json()).toEqual({ ended: 1 });
    const LOG = '{ securityLog { edges { node { type userId } } } }';
    const logOfA = (await read(a.cookie, LOG)).data?.securityLog as { edges: { node: { userId: string } }[] };
    expect(logOfA.edges.map((edge) => edge.node.userId)).not.toContain(await idOf(b.cookie));
    const logOfB = (await read(b.cookie, LOG)).data?.securityLog as { edges: { node: { type: string } }[] };
    expect(logOfB.edges.map((edge) => edge.node.type)).toContain('OtherSessionsEnded');
  });

  it('refuses the team and the security log to an auditor of the organisation', async () => {
    const { a, auditorOf, read } = fixture;
    const auditor = await auditorOf(a.organisationId);
    for (const query of [TEAM, '{ securityLog { edges { node { id } } } }']) {
      const result = await read(auditor, query);
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  const emailOf = async (cookie: string) =>
    ((await fixture.read(cookie, '{ me { email } }')).data?.me as { email: string } | undefined)?.email ?? '';
});
