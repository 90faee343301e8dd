import type { Role } from '../kernel/auth';

export type OrganisationCreated = {
  type: 'OrganisationCreated';
  data: { organisationId: string; name: string };
};
export type UserRegistered = {
  type: 'UserRegistered';
  data: { userId: string; organisationId: string; email: string; displayName: string; role: Role };
};

export type AccessEvent = OrganisationCreated | UserRegistered;
export const accessEventTypes = [
  'OrganisationCreated',
  'UserRegistered',
] as const satisfies AccessEvent['type'][];

export const organisationStream = (organisationId: string) => `organisation-${organisationId}`;
export const userStream = (userId: string) => `user-${userId}`;
