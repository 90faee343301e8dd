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
    /** Null only for sessions opened before sessions were listed. */
    id: string | null;
    last_seen_at: Date | null;
    user_agent: string | null;
  };
  access_invitations: {
    invitation_id: string;
    organisation_id: string;
    token_hash: string;
    email: string;
    role: Role;
    expires_at: Date;
  };
  access_password_resets: { token_hash: string; user_id: string; created_at: Date; expires_at: Date };
  /** Keyed by the lower-cased address, whether or not an account uses it. */
  access_sign_in_failures: {
    email: string;
    failures: number;
    last_failure_at: Date;
    locked_until: Date | null;
  };
  access_setup_tokens: {
    token_hash: string;
    created_at: Defaulted<Date>;
  };
};
