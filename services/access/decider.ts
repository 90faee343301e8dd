import { can, type Role } from '../kernel/auth';
import type { Decider } from '../kernel/command';
import { conflict, forbidden, notFound } from '../kernel/errors';
import type { AccountEvent, OrganisationCreated, TeamEvent } from './events';

export type CreateOrganisation = { type: 'CreateOrganisation'; organisationId: string; name: string };

export const organisationDecider: Decider<{ exists: boolean }, CreateOrganisation, OrganisationCreated> = {
  initialState: { exists: false },
  evolve: () => ({ exists: true }),
  decide(command, state) {
    if (state.exists) throw conflict('organisation_exists', 'This organisation already exists');
    return [
      { type: 'OrganisationCreated', data: { organisationId: command.organisationId, name: command.name } },
    ];
  },
};

/** Who asks: team commands check the role themselves, so the rule holds whatever route calls them. */
type By = { by: { userId: string; role: Role } };

export type TeamCommand =
  | {
      type: 'RegisterUser';
      userId: string;
      organisationId: string;
      email: string;
      displayName: string;
      role: Role;
    }
  | ({
      type: 'InviteMember';
      invitationId: string;
      email: string;
      role: Role;
      expiresAt: string;
      now: string;
    } & By)
  | ({ type: 'ResendInvitation'; invitationId: string; expiresAt: string } & By)
  | ({ type: 'RevokeInvitation'; invitationId: string } & By)
  | {
      type: 'AcceptInvitation';
      invitationId: string;
      userId: string;
      organisationId: string;
      displayName: string;
      now: string;
    }
  | {
      type: 'EnrolMembers';
      members: readonly { userId: string; email: string; displayName: string; role: Role; active: boolean }[];
    }
  | ({ type: 'ChangeRole'; userId: string; role: Role } & By)
  | ({ type: 'DeactivateMember'; userId: string } & By)
  | ({ type: 'ReactivateMember'; userId: string } & By);

export interface Member {
  email: string;
  role: Role;
  active: boolean;
}
export interface Invitation {
  email: string;
  role: Role;
  expiresAt: string;
  status: 'pending' | 'accepted' | 'revoked';
}
export interface TeamState {
  members: ReadonlyMap<string, Member>;
  invitations: ReadonlyMap<string, Invitation>;
}

const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const with_ = <Value>(map: ReadonlyMap<string, Value>, key: string, value: Value) =>
  new Map(map).set(key, value);

const memberOf = (state: TeamState, userId: string): Member => {
  const member = state.members.get(userId);
  if (!member) throw notFound('member_not_found', 'No such member in this organisation');
  return member;
};

const invitationOf = (state: TeamState, invitationId: string): Invitation => {
  const invitation = state.invitations.get(invitationId);
  if (!invitation) throw notFound('invitation_not_found', 'No such invitation');
  return invitation;
};

const requireAdmin = (by: By['by']) => {
  if (!can(by.role, 'team:manage')) throw forbidden('Only an administrator manages the team');
};

/** Refuses a change that would leave the organisation without an active admin. */
const keepAnAdmin = (state: TeamState, userId: string) => {
  const others = [...state.members].filter(
    ([id, member]) => id !== userId && member.active && member.role === 'admin',
  );
  if (others.length === 0) {
    throw conflict('last_admin', 'The organisation must keep at least one active administrator');
  }
};

export const teamDecider: Decider<TeamState, TeamCommand, TeamEvent> = {
  initialState: { members: new Map(), invitations: new Map() },

  evolve(state, event) {
    switch (event.type) {
      case 'UserRegistered': {
        const { userId, email, role } = event.data;
        return { ...state, members: with_(state.members, userId, { email, role, active: true }) };
      }
      case 'TeamMemberEnrolled': {
        const { userId, email, role, active } = event.data;
        return { ...state, members: with_(state.members, userId, { email, role, active }) };
      }
      case 'InvitationSent': {
        const { invitationId, email, role, expiresAt } = event.data;
        const invitation: Invitation = { email, role, expiresAt, status: 'pending' };
        return { ...state, invitations: with_(state.invitations, invitationId, invitation) };
      }
      case 'InvitationResent':
      case 'InvitationRevoked':
      case 'InvitationAccepted': {
        const invitation = state.invitations.get(event.data.invitationId);
        if (!invitation) return state;
        const changed: Invitation =
          event.type === 'InvitationResent'
            ? { ...invitation, expiresAt: event.data.expiresAt }
            : { ...invitation, status: event.type === 'InvitationRevoked' ? 'revoked' : 'accepted' };
        return { ...state, invitations: with_(state.invitations, event.data.invitationId, changed) };
      }
      case 'UserRoleChanged':
      case 'UserDeactivated':
      case 'UserReactivated': {
        const member = state.members.get(event.data.userId);
        if (!member) return state;
        const changed: Member =
          event.type === 'UserRoleChanged'
            ? { ...member, role: event.data.role }
            : { ...member, active: event.type === 'UserReactivated' };
        return { ...state, members: with_(state.members, event.data.userId, changed) };
      }
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterUser': {
        if (state.members.has(command.userId)) throw conflict('user_exists', 'This user already exists');
        const { userId, organisationId, email, displayName, role } = command;
        return [{ type: 'UserRegistered', data: { userId, organisationId, email, displayName, role } }];
      }
      case 'EnrolMembers':
        // Those already on the stream are left alone: enrolling again changes nothing.
        return command.members
          .filter((member) => !state.members.has(member.userId))
          .map((member) => ({ type: 'TeamMemberEnrolled' as const, data: { ...member } }));
      case 'InviteMember': {
        requireAdmin(command.by);
        if ([...state.members.values()].some((member) => sameEmail(member.email, command.email))) {
          throw conflict('already_member', 'This person is already a member of the organisation');
        }
        const pending = [...state.invitations.values()].some(
          (invitation) =>
            invitation.status === 'pending' &&
            invitation.expiresAt > command.now &&
            sameEmail(invitation.email, command.email),
        );
        if (pending) {
          throw conflict('invitation_pending', 'An invitation to this address is already pending; resend it');
        }
        if (state.invitations.has(command.invitationId)) {
          throw conflict('invitation_exists', 'This invitation already exists');
        }
        const { invitationId, email, role, expiresAt } = command;
        return [{ type: 'InvitationSent', data: { invitationId, email, role, expiresAt } }];
      }
      case 'ResendInvitation': {
        requireAdmin(command.by);
        const invitation = invitationOf(state, command.invitationId);
        if (invitation.status !== 'pending') {
          throw conflict('invitation_not_pending', 'This invitation was already accepted or revoked');
        }
        return [
          {
            type: 'InvitationResent',
            data: { invitationId: command.invitationId, expiresAt: command.expiresAt },
          },
        ];
      }
      case 'RevokeInvitation': {
        requireAdmin(command.by);
        const invitation = invitationOf(state, command.invitationId);
        if (invitation.status === 'revoked') return [];
        if (invitation.status === 'accepted') {
          throw conflict('invitation_not_pending', 'This invitation was already accepted');
        }
        return [{ type: 'InvitationRevoked', data: { invitationId: command.invitationId } }];
      }
      case 'AcceptInvitation': {
        const invitation = invitationOf(state, command.invitationId);
        if (invitation.status === 'accepted')
          throw conflict('invitation_used', 'This invitation was already used');
        if (invitation.status === 'revoked')
          throw conflict('invitation_revoked', 'This invitation was revoked');
        if (invitation.expiresAt <= command.now) {
          throw conflict('invitation_expired', 'This invitation has expired; ask for a new one');
        }
        if ([...state.members.values()].some((member) => sameEmail(member.email, invitation.email))) {
          throw conflict('email_taken', 'An account already uses this e-mail address');
        }
        const { invitationId, userId, organisationId, displayName } = command;
        const { email, role } = invitation;
        return [
          { type: 'InvitationAccepted', data: { invitationId, userId } },
          { type: 'UserRegistered', data: { userId, organisationId, email, displayName, role } },
        ];
      }
      case 'ChangeRole': {
        requireAdmin(command.by);
        const member = memberOf(state, command.userId);
        if (member.role === command.role) return [];
        if (member.role === 'admin' && member.active) keepAnAdmin(state, command.userId);
        return [
          {
            type: 'UserRoleChanged',
            data: { userId: command.userId, role: command.role, previousRole: member.role },
          },
        ];
      }
      case 'DeactivateMember': {
        requireAdmin(command.by);
        const member = memberOf(state, command.userId);
        if (!member.active) return [];
        if (member.role === 'admin') keepAnAdmin(state, command.userId);
        return [{ type: 'UserDeactivated', data: { userId: command.userId } }];
      }
      case 'ReactivateMember': {
        requireAdmin(command.by);
        const member = memberOf(state, command.userId);
        if (member.active) return [];
        return [{ type: 'UserReactivated', data: { userId: command.userId } }];
      }
    }
  },
};

export type AccountCommand =
  | { type: 'RecordSignIn'; userId: string }
  | { type: 'RecordSignInFailures'; userId: string; failures: number; lockedUntil: string }
  | { type: 'ChangePassword'; userId: string }
  | { type: 'RequestPasswordReset'; userId: string }
  | { type: 'ResetPassword'; userId: string }
  | { type: 'EndOtherSessions'; userId: string; sessions: number };

/**
 * One account's security facts. Credentials are checked outside (their hashes live outside the log); what is
 * decided here is which fact is recorded. Ending no other session records nothing.
 */
export const accountDecider: Decider<null, AccountCommand, AccountEvent> = {
  initialState: null,
  evolve: (state) => state,
  decide(command) {
    const { userId } = command;
    switch (command.type) {
      case 'RecordSignIn':
        return [{ type: 'UserSignedIn', data: { userId } }];
      case 'RecordSignInFailures':
        return [
          {
            type: 'SignInFailuresRecorded',
            data: { userId, failures: command.failures, lockedUntil: command.lockedUntil },
          },
        ];
      case 'ChangePassword':
        return [{ type: 'PasswordChanged', data: { userId } }];
      case 'RequestPasswordReset':
        return [{ type: 'PasswordResetRequested', data: { userId } }];
      case 'ResetPassword':
        return [{ type: 'PasswordReset', data: { userId } }];
      case 'EndOtherSessions':
        return command.sessions > 0
          ? [{ type: 'OtherSessionsEnded', data: { userId, sessions: command.sessions } }]
          : [];
    }
  },
};
