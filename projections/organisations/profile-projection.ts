import type { Insertable, Kysely } from 'kysely';
import type { OrganisationProfileEvent } from '../../services/organisation/events';
import { lastBy } from '../grouping';
import type { Recorded } from '../runner/projection';
import { defineProjection } from '../runner/projection';
import type { OrganisationProfileTables } from './tables';

type Db = Kysely<OrganisationProfileTables>;
type ProfileInsert = Insertable<OrganisationProfileTables['organisation_profiles']>;
type Section = Omit<ProfileInsert, 'organisation_id' | 'revision' | 'updated_at'>;

/**
 * Writes one section of the profile for each organisation in a run, from its last event there: one upsert for
 * the whole run. A section is replaced whole, so the last event of an organisation holds all of it.
 */
const upsertSection = async <Event extends Recorded<OrganisationProfileEvent>>(
  db: Db,
  events: readonly Event[],
  section: (event: Event) => Section,
) => {
  const rows = lastBy(events, (event) => event.metadata.organisationId).map((event) => ({
    organisation_id: event.metadata.organisationId,
    revision: event.revision,
    updated_at: event.metadata.occurredAt,
    ...section(event),
  }));
  const columns = Object.keys(rows[0]!).filter((column) => column !== 'organisation_id') as (keyof Section)[];
  await db
    .insertInto('organisation_profiles')
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .column('organisation_id')
        .doUpdateSet((eb) =>
          Object.fromEntries(columns.map((column) => [column, eb.ref(`excluded.${column}`)])),
        ),
    )
    .execute();
};

/** A site event moves the profile's revision on too. */
const touch = (db: Db, events: readonly Recorded<OrganisationProfileEvent>[]) =>
  upsertSection(db, events, () => ({}));

/** A site's change for each site in a run (its last event): an upsert, as the site always exists already. */
const upsertSites = async <Event extends Recorded<OrganisationProfileEvent> & { data: { siteId: string } }>(
  db: Db,
  events: readonly Event[],
  change: (event: Event) => { name?: string; closed_at?: string },
) => {
  const rows = lastBy(events, (event) => event.data.siteId).map((event) => ({
    id: event.data.siteId,
    organisation_id: event.metadata.organisationId,
    name: '',
    created_at: event.metadata.occurredAt,
    ...change(event),
  }));
  const column = 'closed_at' in change(events[0]!) ? 'closed_at' : 'name';
  await db
    .insertInto('organisation_sites')
    .values(rows)
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet((eb) => ({ [column]: eb.ref(`excluded.${column}`) })),
    )
    .execute();
};

export const organisationProfilesProjection = defineProjection<
  OrganisationProfileTables,
  OrganisationProfileEvent
>({
  name: 'organisation_profiles',
  version: 1,
  tables: ['organisation_profiles', 'organisation_sites'],
  async create(db) {
    await db.schema
      .createTable('organisation_profiles')
      .addColumn('organisation_id', 'uuid', (column) => column.primaryKey())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('legal_name', 'text')
      .addColumn('siret', 'text')
      .addColumn('nda', 'text')
      .addColumn('street', 'text')
      .addColumn('address_complement', 'text')
      .addColumn('postal_code', 'text')
      .addColumn('city', 'text')
      .addColumn('contact_email', 'text')
      .addColumn('logo_sha256', 'text')
      .addColumn('logo_media_type', 'text')
      .addColumn('categories', 'jsonb')
      .addColumn('certifying', 'boolean', (column) => column.notNull().defaultTo(false))
      .addColumn('subcontracting', 'boolean', (column) => column.notNull().defaultTo(false))
      .addColumn('work_based_training', 'boolean', (column) => column.notNull().defaultTo(false))
      .addColumn('alternance', 'boolean', (column) => column.notNull().defaultTo(false))
      .addColumn('new_entrant', 'boolean', (column) => column.notNull().defaultTo(false))
      .addColumn('certifier_name', 'text')
      .addColumn('certificate_number', 'text')
      .addColumn('certificate_issued_on', 'date')
      .addColumn('certificate_expires_on', 'date')
      .addColumn('audits', 'jsonb')
      .addColumn('privacy_controller', 'text')
      .addColumn('privacy_purpose', 'text')
      .addColumn('privacy_retention', 'text')
      .addColumn('privacy_contact', 'text')
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('organisation_sites')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .addColumn('closed_at', 'timestamptz')
      .execute();
    await db.schema
      .createIndex('organisation_sites_organisation_idx')
      .on('organisation_sites')
      .columns(['organisation_id', 'created_at'])
      .execute();
  },
  handlers: {
    OrganisationIdentityRecorded: (db, events) =>
      upsertSection(db, events, ({ data }) => ({
        legal_name: data.legalName,
        siret: data.siret,
        nda: data.nda,
        street: data.address.street,
        address_complement: data.address.complement,
        postal_code: data.address.postalCode,
        city: data.address.city,
        contact_email: data.contactEmail,
      })),
    OrganisationLogoChanged: (db, events) =>
      upsertSection(db, events, ({ data }) => ({
        logo_sha256: data.sha256,
        logo_media_type: data.mediaType,
      })),
    OrganisationLogoRemoved: (db, events) =>
      upsertSection(db, events, () => ({ logo_sha256: null, logo_media_type: null })),
    OrganisationActivitiesDeclared: (db, events) =>
      upsertSection(db, events, ({ data }) => ({
        categories: JSON.stringify(data.categories),
        certifying: data.certifying,
        subcontracting: data.subcontracting,
        work_based_training: data.workBasedTraining,
        alternance: data.alternance,
        new_entrant: data.newEntrant,
      })),
    OrganisationCertificationRecorded: (db, events) =>
      upsertSection(db, events, ({ data }) => ({
        certifier_name: data.certifierName,
        certificate_number: data.certificateNumber,
        certificate_issued_on: data.issuedOn,
        certificate_expires_on: data.expiresOn,
        audits: JSON.stringify(data.audits),
      })),
    PrivacyNoticeUpdated: (db, events) =>
      upsertSection(db, events, ({ data }) => ({
        privacy_controller: data.controller,
        privacy_purpose: data.purpose,
        privacy_retention: data.retention,
        privacy_contact: data.contact,
      })),
    async OrganisationSiteAdded(db, events) {
      await db
        .insertInto('organisation_sites')
        .values(
          events.map(({ data, metadata }) => ({
            id: data.siteId,
            organisation_id: metadata.organisationId,
            name: data.name,
            created_at: metadata.occurredAt,
          })),
        )
        .execute();
      await touch(db, events);
    },
    async OrganisationSiteRenamed(db, events) {
      await upsertSites(db, events, ({ data }) => ({ name: data.name }));
      await touch(db, events);
    },
    async OrganisationSiteClosed(db, events) {
      await upsertSites(db, events, ({ metadata }) => ({ closed_at: metadata.occurredAt }));
      await touch(db, events);
    },
  },
});
