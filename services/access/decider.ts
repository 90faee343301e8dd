import type { Role } from '../kernel/auth';
import type { Decider } from '../kernel/command';
import { conflict } from '../kernel/errors';
import type { OrganisationCreated, UserRegistered } from './events';

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

export type RegisterUser = {
  type: 'RegisterUser';
  userId: string;
  organisationId: string;
  email: string;
  displayName: string;
  role: Role;
};

export const userDecider: Decider<{ exists: boolean }, RegisterUser, UserRegistered> = {
  initialState: { exists: false },
  evolve: () => ({ exists: true }),
  decide(command, state) {
    if (state.exists) throw conflict('user_exists', 'This user already exists');
    const { userId, organisationId, email, displayName, role } = command;
    return [{ type: 'UserRegistered', data: { userId, organisationId, email, displayName, role } }];
  },
};
