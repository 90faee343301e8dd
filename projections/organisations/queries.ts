import type { Db } from '../../services/db/database';
import type { PrivacyNotice } from '../../services/organisation/events';
import { logoUrl } from '../../services/organisation/logo-url';
import { defaultPrivacyNotice } from '../../services/organisation/privacy-notice';
import type { OrganisationPublicProfile } from '../../services/read-ports';
import type { OrganisationProfileTables, OrganisationTables } from './tables';

export const findOrganisation = (db: Db, organisationId: string) =>
  db
    .withTables<OrganisationTables>()
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', organisationId)
    .executeTakeFirst();

/** The organisation's profile row, or undefined before its first change. */
export const findOrganisationProfile = (db: Db, organisationId: string) =>
  db
    .withTables<OrganisationProfileTables>()
    .selectFrom('organisation_profiles')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();

/** The organisation's sites, open ones first, each group in the order they were added. */
export const sitesOfOrganisation = (db: Db, organisationId: string) =>
  db
    .withTables<OrganisationProfileTables>()
    .selectFrom('organisation_sites')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy((eb) => eb('closed_at', 'is not', null))
    .orderBy('created_at')
    .orderBy('id')
    .limit(500)
    .execute();

/** What public pages show about an organisation: its name, logo, contact and privacy notice. */
export const organisationPublicProfile = async (
  db: Db,
  organisationId: string,
): Promise<OrganisationPublicProfile | undefined> => {
  const row = await db
    .withTables<OrganisationTables & OrganisationProfileTables>()
    .selectFrom('organisations')
    .leftJoin('organisation_profiles', 'organisation_profiles.organisation_id', 'organisations.id')
    .select([
      'organisations.name',
      'organisation_profiles.legal_name',
      'organisation_profiles.contact_email',
      'organisation_profiles.logo_sha256',
      'organisation_profiles.privacy_controller',
      'organisation_profiles.privacy_purpose',
      'organisation_profiles.privacy_retention',
      'organisation_profiles.privacy_contact',
    ])
    .where('organisations.id', '=', organisationId)
    .executeTakeFirst();
  if (!row) return undefined;
  const name = row.name;
  const contactEmail = row.contact_email ?? null;
  return {
    name,
    legalName: row.legal_name ?? null,
    logoUrl: row.logo_sha256 ? logoUrl(row.logo_sha256) : null,
    contactEmail,
    privacyNotice: privacyNoticeOf(row, name, contactEmail),
  };
};

/** The notice the organisation wrote, or the default one while it has written none. */
export const privacyNoticeOf = (
  row: {
    privacy_controller: string | null;
    privacy_purpose: string | null;
    privacy_retention: string | null;
    privacy_contact: string | null;
  },
  name: string,
  contactEmail: string | null,
): PrivacyNotice & { isDefault: boolean } =>
  row.privacy_controller !== null &&
  row.privacy_purpose !== null &&
  row.privacy_retention !== null &&
  row.privacy_contact !== null
    ? {
        controller: row.privacy_controller,
        purpose: row.privacy_purpose,
        retention: row.privacy_retention,
        contact: row.privacy_contact,
        isDefault: false,
      }
    : { ...defaultPrivacyNotice(name, contactEmail), isDefault: true };
