import type { Role } from '../kernel/auth';

export type OrganisationCreated = {
  type: 'OrganisationCreated';
  data: { organisationId: string; name: string };
};
export type UserRegistered = {
  type: 'UserRegistered';
  data: { userId: string; organisationId: string; email: string; displayName: string; role: Role };
};

/** What the organisations read model follows (kept as it was: that read model handles exactly these). */
export type AccessEvent = OrganisationCreated | UserRegistered;
export const accessEventTypes = [
  'OrganisationCreated',
  'UserRegistered',
] as const satisfies AccessEvent['type'][];

// The team: who belongs to the organisation, with which role. One stream per organisation, so that the rule
// "an organisation keeps an active admin" is decided on the whole membership.
export type InvitationSent = {
  type: 'InvitationSent';
  data: { invitationId: string; email: string; role: Role; expiresAt: string };
};
export type InvitationResent = {
  type: 'InvitationResent';
  data: { invitationId: string; expiresAt: string };
};
export type InvitationRevoked = { type: 'InvitationRevoked'; data: { invitationId: string } };
export type InvitationAccepted = {
  type: 'InvitationAccepted';
  data: { invitationId: string; userId: string };
};
export type UserRoleChanged = {
  type: 'UserRoleChanged';
  data: { userId: string; role: Role; previousRole: Role };
};
export type UserDeactivated = { type: 'UserDeactivated'; data: { userId: string } };
export type UserReactivated = { type: 'UserReactivated'; data: { userId: string } };

/**
 * A member whose account predates the team stream (registered on their own stream), brought onto it at start so
 * the team's rules (roles, the last active admin) see them.
 */
export type TeamMemberEnrolled = {
  type: 'TeamMemberEnrolled';
  data: { userId: string; email: string; displayName: string; role: Role; active: boolean };
};

export type TeamEvent =
  | UserRegistered
  | TeamMemberEnrolled
  | InvitationSent
  | InvitationResent
  | InvitationRevoked
  | InvitationAccepted
  | UserRoleChanged
  | UserDeactivated
  | UserReactivated;
export const teamEventTypes = [
  'UserRegistered',
  'TeamMemberEnrolled',
  'InvitationSent',
  'InvitationResent',
  'InvitationRevoked',
  'InvitationAccepted',
  'UserRoleChanged',
  'UserDeactivated',
  'UserReactivated',
] as const satisfies TeamEvent['type'][];

// One account's security facts, in the user's own stream. No credential, token or hash ever enters them.
export type UserSignedIn = { type: 'UserSignedIn'; data: { userId: string } };
export type SignInFailuresRecorded = {
  type: 'SignInFailuresRecorded';
  data: { userId: string; failures: number; lockedUntil: string };
};
export type PasswordChanged = { type: 'PasswordChanged'; data: { userId: string } };
export type PasswordResetRequested = { type: 'PasswordResetRequested'; data: { userId: string } };
export type PasswordReset = { type: 'PasswordReset'; data: { userId: string } };
export type OtherSessionsEnded = { type: 'OtherSessionsEnded'; data: { userId: string; sessions: number } };

export type AccountEvent =
  | UserSignedIn
  | SignInFailuresRecorded
  | PasswordChanged
  | PasswordResetRequested
  | PasswordReset
  | OtherSessionsEnded;
export const accountEventTypes = [
  'UserSignedIn',
  'SignInFailuresRecorded',
  'PasswordChanged',
  'PasswordResetRequested',
  'PasswordReset',
  'OtherSessionsEnded',
] as const satisfies AccountEvent['type'][];

export const organisationStream = (organisationId: string) => `organisation-${organisationId}`;
export const teamStream = (organisationId: string) => `team-${organisationId}`;
export const userStream = (userId: string) => `user-${userId}`;
