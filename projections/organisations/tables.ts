import type { Selectable } from 'kysely';
import type { Timestamp } from '../../services/db/columns';
import type { Role } from '../../services/kernel/auth';

export type OrganisationTables = {
  organisations: { id: string; name: string; created_at: Timestamp };
  users: {
    id: string;
    organisation_id: string;
    email: string;
    display_name: string;
    role: Role;
    created_at: Timestamp;
  };
};

export type OrganisationRow = Selectable<OrganisationTables['organisations']>;
