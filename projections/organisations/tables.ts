import type { ColumnType, Selectable } from 'kysely';
import type { CalendarDate, Timestamp } from '../../services/db/columns';
import type { Role } from '../../services/kernel/auth';
import type { LogoMediaType, RecordedAudit } from '../../services/organisation/events';
import type { ActionCategory } from '../../services/referential';

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

/** A boolean column that is false until an event sets it. */
type DefaultFalse = ColumnType<boolean, boolean | undefined, boolean>;

/** The organisation profile's read model (its own projection, `organisation_profiles`). */
export type OrganisationProfileTables = {
  organisation_profiles: {
    organisation_id: string;
    /** The profile stream's revision, for If-Match. */
    revision: number;
    legal_name: string | null;
    siret: string | null;
    nda: string | null;
    street: string | null;
    address_complement: string | null;
    postal_code: string | null;
    city: string | null;
    contact_email: string | null;
    logo_sha256: string | null;
    logo_media_type: LogoMediaType | null;
    /** Null until the activities are declared. */
    categories: ColumnType<ActionCategory[] | null, string | null, string | null>;
    certifying: DefaultFalse;
    subcontracting: DefaultFalse;
    work_based_training: DefaultFalse;
    alternance: DefaultFalse;
    new_entrant: DefaultFalse;
    certifier_name: string | null;
    certificate_number: string | null;
    certificate_issued_on: CalendarDate | null;
    certificate_expires_on: CalendarDate | null;
    audits: ColumnType<RecordedAudit[] | null, string | null, string | null>;
    /** Null until the organisation writes its own notice (the default one is shown meanwhile). */
    privacy_controller: string | null;
    privacy_purpose: string | null;
    privacy_retention: string | null;
    privacy_contact: string | null;
    updated_at: Timestamp;
  };
  organisation_sites: {
    id: string;
    organisation_id: string;
    name: string;
    created_at: Timestamp;
    closed_at: Timestamp | null;
  };
};

export type OrganisationProfileRow = Selectable<OrganisationProfileTables['organisation_profiles']>;
export type OrganisationSiteRow = Selectable<OrganisationProfileTables['organisation_sites']>;
