import type { Db } from '../../services/db/database';
import type { AuditTables } from '../audits/tables';
import type { MockAuditTables } from '../mock-audit/tables';
import type { OrganisationProfileTables } from '../organisations/tables';
import type { CertificationTables } from './tables';
import type { ObservedFacts } from './view';

const tables = (db: Db) => db.withTables<CertificationTables>();

/** The organisation's turnover band, label and stream revision; undefined before its first fact. */
export const certificationSettings = (db: Db, organisationId: string) =>
  tables(db)
    .selectFrom('certification_settings')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();

/** The organisation's current journey: the latest started, or undefined. */
export const currentJourney = (db: Db, organisationId: string) =>
  tables(db)
    .selectFrom('certification_journeys')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();

/** A journey's quotes, as received (oldest first). */
export const journeyQuotes = (db: Db, organisationId: string, journeyId: string) =>
  tables(db)
    .selectFrom('certification_quotes')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('journey_id', '=', journeyId)
    .orderBy('received_on')
    .orderBy('recorded_at')
    .execute();

/**
 * What other read models show of a journey's steps since it started: a mock audit completed (the pre-audit), an
 * audit of its kind held (audits) and a certificate issued (the organisation profile).
 */
export const observedFacts = async (
  db: Db,
  organisationId: string,
  journey: { kind: 'initial' | 'renewal'; started_on: string },
): Promise<ObservedFacts> => {
  const audit = await db
    .withTables<AuditTables>()
    .selectFrom('audits')
    .select(['held_to'])
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', journey.kind)
    .where('held_to', 'is not', null)
    .where('held_from', '>=', journey.started_on)
    .orderBy('held_to', 'desc')
    .executeTakeFirst();
  const profile = await db
    .withTables<OrganisationProfileTables>()
    .selectFrom('organisation_profiles')
    .select(['certificate_issued_on'])
    .where('organisation_id', '=', organisationId)
    .where('certificate_issued_on', '>=', journey.started_on)
    .executeTakeFirst();
  const mockAudit = await db
    .withTables<MockAuditTables>()
    .selectFrom('mock_audits')
    .select(['completed_on'])
    .where('organisation_id', '=', organisationId)
    .where('completed_on', '>=', journey.started_on)
    .orderBy('completed_on', 'desc')
    .executeTakeFirst();
  return {
    auditHeldOn: audit?.held_to ?? null,
    certificateIssuedOn: profile?.certificate_issued_on ?? null,
    preAuditOn: mockAudit?.completed_on ?? null,
  };
};

/** What the duration grid needs from the organisation profile: categories, open sites, new entrant. */
export const planningProfile = async (db: Db, organisationId: string) => {
  const profile = await db
    .withTables<OrganisationProfileTables>()
    .selectFrom('organisation_profiles')
    .select(['categories', 'new_entrant'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  const sites = await db
    .withTables<OrganisationProfileTables>()
    .selectFrom('organisation_sites')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('organisation_id', '=', organisationId)
    .where('closed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    categories: profile?.categories ?? [],
    newEntrant: profile?.new_entrant ?? false,
    /** The sites the profile lists; none listed counts as the one central site. */
    sites: Math.max(1, Number(sites.count)),
  };
};
