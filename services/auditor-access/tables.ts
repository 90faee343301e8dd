import type { ColumnType } from 'kysely';

type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** The slice's own tables (see migration.ts): link tokens and the sessions they open, never in the log. */
export type AuditorAccessTables = {
  /** A link's token, by its SHA-256 only; `revoked_at` ends its sessions even one opened in a race. */
  auditor_access_tokens: {
    token_hash: string;
    link_id: string;
    organisation_id: string;
    revoked_at: Defaulted<Date | null>;
  };
  /** A session an auditor opened with a link: read-only, ending no later than the link. */
  auditor_access_sessions: {
    token_hash: string;
    id: string;
    link_id: string;
    organisation_id: string;
    created_at: Date;
    expires_at: Date;
    /** The binders the link covers (JSON array), or null: every completed one. */
    binder_export_ids: string[] | null;
  };
};
