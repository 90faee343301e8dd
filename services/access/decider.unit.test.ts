import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import type { Role } from '../kernel/auth';
import { accountDecider, type TeamCommand, teamDecider } from './decider';
import type { TeamEvent } from './events';
import { delayAfterFailures, noticeDue } from './throttle';

const spec = deciderSpec(teamDecider);
const ORG = 'org-1';
const NOW = '2026-11-28T09:00:00.000Z';
const LATER = '2026-12-05T09:00:00.000Z';
const admin = { userId: 'u-admin', role: 'admin' as Role };

const registered = (userId: string, role: Role, email = `${userId}@example.fr`): TeamEvent => ({
  type: 'UserRegistered',
  data: { userId, organisationId: ORG, email, displayName: userId, role },
});
const invited = (invitationId = 'i1', email = 'new@example.fr', role: Role = 'auditor'): TeamEvent => ({
  type: 'InvitationSent',
  data: { invitationId, email, role, expiresAt: LATER },
});
const accept = (now = NOW, userId = 'u-new'): TeamCommand => ({
  type: 'AcceptInvitation',
  invitationId: 'i1',
  userId,
  organisationId: ORG,
  displayName: 'Nouvelle',
  now,
});
const founded = [registered('u-admin', 'admin')];

describe('team decider', () => {
  it('enrols members registered before the team stream, once, and then counts them for the team rules', () => {
    const legacyAdmin = {
      userId: 'u-old',
      email: 'old@example.fr',
      displayName: 'Ancienne',
      role: 'admin' as Role,
    };
    const enrolled: TeamEvent = { type: 'TeamMemberEnrolled', data: { ...legacyAdmin, active: true } };
    spec
      .given(founded)
      .when({ type: 'EnrolMembers', members: [{ ...legacyAdmin, active: true }] })
      .thenEmits([enrolled]);
    spec
      .given([...founded, enrolled])
      .when({ type: 'EnrolMembers', members: [{ ...legacyAdmin, active: true }] })
      .thenEmits([]);
    // With the enrolled admin counted, the founder may step down.
    spec
      .given([...founded, enrolled])
      .when({ type: 'ChangeRole', userId: 'u-admin', role: 'quality_manager', by: admin })
      .thenMatches([{ type: 'UserRoleChanged' }]);
  });

  it('invites a colleague with a role', () => {
    spec
      .given(founded)
      .when({
        type: 'InviteMember',
        invitationId: 'i1',
        email: 'new@example.fr',
        role: 'auditor',
        expiresAt: LATER,
        now: NOW,
        by: admin,
      })
      .thenEmits([invited()]);
  });

  it('refuses an invitation from a member who is not an admin (403)', () => {
    spec
      .given([...founded, registered('u-qm', 'quality_manager')])
      .when({
        type: 'InviteMember',
        invitationId: 'i1',
        email: 'new@example.fr',
        role: 'admin',
        expiresAt: LATER,
        now: NOW,
        by: { userId: 'u-qm', role: 'quality_manager' },
      })
      .thenRejects('forbidden', 403);
  });

  it('refuses to invite a member again, or an address already invited', () => {
    const invite = (email: string): TeamCommand => ({
      type: 'InviteMember',
      invitationId: 'i2',
      email,
      role: 'contributor',
      expiresAt: LATER,
      now: NOW,
      by: admin,
    });
    spec.given(founded).when(invite('U-ADMIN@example.fr')).thenRejects('already_member', 409);
    spec
      .given([...founded, invited()])
      .when(invite('new@example.fr'))
      .thenRejects('invitation_pending', 409);
  });

  it('accepts an invitation once: the member joins with the invited role', () => {
    spec
      .given([...founded, invited()])
      .when(accept())
      .thenEmits([
        { type: 'InvitationAccepted', data: { invitationId: 'i1', userId: 'u-new' } },
        {
          type: 'UserRegistered',
          data: {
            userId: 'u-new',
            organisationId: ORG,
            email: 'new@example.fr',
            displayName: 'Nouvelle',
            role: 'auditor',
          },
        },
      ]);
  });

  it('refuses an invitation already used (single use)', () => {
    const used = spec
      .given([...founded, invited()])
      .when(accept())
      .decided();
    spec
      .given([...founded, invited(), ...used])
      .when(accept(NOW, 'u-other'))
      .thenRejects('invitation_used', 409);
  });

  it('refuses an expired invitation, and a revoked one', () => {
    spec
      .given([...founded, invited()])
      .when(accept(LATER))
      .thenRejects('invitation_expired', 409);
    spec
      .given([...founded, invited(), { type: 'InvitationRevoked', data: { invitationId: 'i1' } }])
      .when(accept())
      .thenRejects('invitation_revoked', 409);
  });

  it('resending renews the expiry of a pending invitation, and only of a pending one', () => {
    const resend: TeamCommand = {
      type: 'ResendInvitation',
      invitationId: 'i1',
      expiresAt: '2026-12-20T09:00:00.000Z',
      by: admin,
    };
    spec
      .given([...founded, invited()])
      .when(resend)
      .thenEmits([
        { type: 'InvitationResent', data: { invitationId: 'i1', expiresAt: '2026-12-20T09:00:00.000Z' } },
      ]);
    const renewed = spec.given([
      ...founded,
      invited(),
      ...spec
        .given([...founded, invited()])
        .when(resend)
        .decided(),
    ]);
    renewed.when(accept(LATER)).thenMatches([{ type: 'InvitationAccepted' }, { type: 'UserRegistered' }]);
    spec
      .given([...founded, invited(), { type: 'InvitationRevoked', data: { invitationId: 'i1' } }])
      .when(resend)
      .thenRejects('invitation_not_pending', 409);
  });

  it('revokes a pending invitation; revoking again changes nothing', () => {
    const revoke: TeamCommand = { type: 'RevokeInvitation', invitationId: 'i1', by: admin };
    spec
      .given([...founded, invited()])
      .when(revoke)
      .thenEmits([{ type: 'InvitationRevoked', data: { invitationId: 'i1' } }]);
    spec
      .given([...founded, invited(), { type: 'InvitationRevoked', data: { invitationId: 'i1' } }])
      .when(revoke)
      .thenNothing();
    spec
      .given(founded)
      .when({ ...revoke, invitationId: 'nope' })
      .thenRejects('invitation_not_found', 404);
  });

  it('changes a role, recording the previous one', () => {
    spec
      .given([...founded, registered('u-c', 'contributor')])
      .when({ type: 'ChangeRole', userId: 'u-c', role: 'quality_manager', by: admin })
      .thenEmits([
        {
          type: 'UserRoleChanged',
          data: { userId: 'u-c', role: 'quality_manager', previousRole: 'contributor' },
        },
      ]);
  });

  it('refuses a role change by a member who is not an admin', () => {
    spec
      .given([...founded, registered('u-qm', 'quality_manager')])
      .when({
        type: 'ChangeRole',
        userId: 'u-qm',
        role: 'admin',
        by: { userId: 'u-qm', role: 'quality_manager' },
      })
      .thenRejects('forbidden', 403);
  });

  it('refuses to demote or deactivate the last active admin', () => {
    spec
      .given([...founded, registered('u-c', 'contributor')])
      .when({ type: 'ChangeRole', userId: 'u-admin', role: 'auditor', by: admin })
      .thenRejects('last_admin', 409);
    spec
      .given(founded)
      .when({ type: 'DeactivateMember', userId: 'u-admin', by: admin })
      .thenRejects('last_admin', 409);
  });

  it('counts only active admins: a deactivated admin does not keep the organisation administered', () => {
    spec
      .given([...founded, registered('u-a2', 'admin'), { type: 'UserDeactivated', data: { userId: 'u-a2' } }])
      .when({ type: 'ChangeRole', userId: 'u-admin', role: 'contributor', by: admin })
      .thenRejects('last_admin', 409);
  });

  it('lets an admin step down while another active admin remains', () => {
    spec
      .given([...founded, registered('u-a2', 'admin')])
      .when({ type: 'DeactivateMember', userId: 'u-admin', by: admin })
      .thenEmits([{ type: 'UserDeactivated', data: { userId: 'u-admin' } }]);
  });

  it('deactivates and reactivates a member; repeating either changes nothing', () => {
    const given = [...founded, registered('u-c', 'contributor')];
    spec
      .given(given)
      .when({ type: 'DeactivateMember', userId: 'u-c', by: admin })
      .thenEmits([{ type: 'UserDeactivated', data: { userId: 'u-c' } }]);
    const off = [...given, { type: 'UserDeactivated', data: { userId: 'u-c' } } as TeamEvent];
    spec.given(off).when({ type: 'DeactivateMember', userId: 'u-c', by: admin }).thenNothing();
    spec
      .given(off)
      .when({ type: 'ReactivateMember', userId: 'u-c', by: admin })
      .thenEmits([{ type: 'UserReactivated', data: { userId: 'u-c' } }]);
    spec.given(given).when({ type: 'ReactivateMember', userId: 'u-c', by: admin }).thenNothing();
  });

  it('knows only its own members: a user of another organisation is not found', () => {
    spec
      .given(founded)
      .when({ type: 'DeactivateMember', userId: 'u-elsewhere', by: admin })
      .thenRejects('member_not_found', 404);
  });
});

describe('account facts', () => {
  it('records no fact when signing out elsewhere ended no session', () => {
    expect(accountDecider.decide({ type: 'EndOtherSessions', userId: 'u', sessions: 0 }, null)).toEqual([]);
  });
  it('records a sign-in failure burst without any credential', () => {
    const [event] = accountDecider.decide(
      { type: 'RecordSignInFailures', userId: 'u', failures: 5, lockedUntil: NOW },
      null,
    );
    expect(event).toEqual({
      type: 'SignInFailuresRecorded',
      data: { userId: 'u', failures: 5, lockedUntil: NOW },
    });
  });
});

describe('sign-in throttle', () => {
  const policy = { failuresBeforeDelay: 5, firstDelaySeconds: 60, maxDelaySeconds: 3600 };

  it('waits nothing before the fifth failure, then 1 min, 2, 4 … capped', () => {
    expect([1, 2, 3, 4].map((n) => delayAfterFailures(n, policy))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => delayAfterFailures(n, policy))).toEqual([60, 120, 240, 480]);
    expect(delayAfterFailures(11, policy)).toBe(3600);
    expect(delayAfterFailures(500, policy)).toBe(3600);
  });

  it('tells the owner when the delays start, then at every fifth failure', () => {
    expect([4, 5, 6, 10, 11].map((n) => noticeDue(n, policy))).toEqual([false, true, false, true, false]);
  });
});
