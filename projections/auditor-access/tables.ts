import type { Selectable } from 'kysely';
import type { AuditorAccessKind } from '../../services/auditor-access/events';
import type { CalendarDate, Timestamp } from '../../services/db/columns';

export type AuditorAccessTables = {
  auditor_access_links: {
    id: string;
    organisation_id: string;
    /** The auditor's name and address, or ERASED once their data was erased. */
    auditor_name: string;
    auditor_email: string;
    audit_id: string | null;
    from_on: CalendarDate;
    until_on: CalendarDate;
    valid_from: Timestamp;
    valid_until: Timestamp;
    /** The binders it covers (JSON array), or null: every completed one. */
    binder_export_ids: string[] | null;
    granted_at: Timestamp;
    granted_by: string;
    revoked_at: Timestamp | null;
    uses: number;
    last_used_at: Timestamp | null;
  };
  auditor_access_uses: {
    id: string;
    link_id: string;
    organisation_id: string;
    used_at: Timestamp;
    what: AuditorAccessKind;
    binder_export_id: string | null;
    origin: string | null;
  };
};

export type AuditorAccessLinkRow = Selectable<AuditorAccessTables['auditor_access_links']>;
export type AuditorAccessUseRow = Selectable<AuditorAccessTables['auditor_access_uses']>;
