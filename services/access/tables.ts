import type { ColumnType } from 'kysely';
import type { Role } from '../kernel/auth';

type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** The access slice's own tables (see migration.ts): credentials and sessions never enter the event log. */
export type AccessTables = {
  access_accounts: {
    user_id: string;
    organisation_id: string;
    email: string;
    display_name: string;
    role: Role;
    password_hash: string;
    created_at: Defaulted<Date>;
    disabled_at: Defaulted<Date | null>;
  };
  access_sessions: {
    token_hash: string;
    user_id: string;
    organisation_id: string;
    created_at: Defaulted<Date>;
    expires_at: Date;
  };
  access_setup_tokens: {
    token_hash: string;
    created_at: Defaulted<Date>;
  };
};
