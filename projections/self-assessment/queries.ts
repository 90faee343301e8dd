import { sql } from 'kysely';
import type { Db } from '../../services/db/database';
import type { DocumentsTables } from '../documents/tables';
import type { EvidenceTables } from '../evidence/tables';
import type { ApproachRow, LinkRow, RatingRow, SelfAssessmentTables } from './tables';

const tables = (db: Db) => db.withTables<SelfAssessmentTables & DocumentsTables & EvidenceTables>();

/** An indicator's self-assessment as it stood at a position (or now). */
export interface IndicatorAssessment {
  indicator: number;
  approach: ApproachRow | null;
  rating: RatingRow | null;
  /** The links in force, oldest first. */
  links: LinkRow[];
}

/** The largest position a bigint holds: "no limit" for a read of now. */
const NOW = Number.MAX_SAFE_INTEGER;

/**
 * Every assessed indicator of an organisation as it stood at a log position (null: now): per indicator its
 * latest approach version and rating recorded at or before the position, and the links made by then and not
 * yet undone. Indicators never assessed are absent.
 */
export const selfAssessmentsAt = async (
  db: Db,
  organisationId: string,
  asOfPosition: number | null,
): Promise<Map<number, IndicatorAssessment>> => {
  const at = asOfPosition ?? NOW;
  const [approaches, ratings, links] = await Promise.all([
    tables(db)
      .selectFrom('self_assessment_approaches')
      .selectAll()
      .distinctOn('indicator')
      .where('organisation_id', '=', organisationId)
      .where('position', '<=', at)
      .orderBy('indicator')
      .orderBy('version', 'desc')
      .execute(),
    tables(db)
      .selectFrom('self_assessment_ratings')
      .selectAll()
      .distinctOn('indicator')
      .where('organisation_id', '=', organisationId)
      .where('position', '<=', at)
      .orderBy('indicator')
      .orderBy('position', 'desc')
      .execute(),
    tables(db)
      .selectFrom('self_assessment_links')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('linked_position', '<=', at)
      .where((eb) => eb.or([eb('unlinked_position', 'is', null), eb('unlinked_position', '>', at)]))
      .orderBy('indicator')
      .orderBy('linked_position')
      .execute(),
  ]);
  const result = new Map<number, IndicatorAssessment>();
  const of = (indicator: number) => {
    let entry = result.get(indicator);
    if (!entry) {
      entry = { indicator, approach: null, rating: null, links: [] };
      result.set(indicator, entry);
    }
    return entry;
  };
  for (const row of approaches) of(row.indicator).approach = row;
  for (const row of ratings) of(row.indicator).rating = row;
  for (const row of links) of(row.indicator).links.push(row);
  return result;
};

/** Every version of an indicator's approach, newest first. */
export const approachHistory = (db: Db, organisationId: string, indicator: number) =>
  tables(db)
    .selectFrom('self_assessment_approaches')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('indicator', '=', indicator)
    .orderBy('version', 'desc')
    .execute();

/** The indicators whose timeline holds an event's items, in the organisation (none: not its event). */
export const indicatorsOfEvidenceItem = async (db: Db, organisationId: string, eventId: string) => {
  const rows = await tables(db)
    .selectFrom('evidence_items')
    .select('indicator')
    .where('organisation_id', '=', organisationId)
    .where('event_id', '=', eventId)
    .execute();
  return rows.map((row) => row.indicator);
};

/** What a linked document was at a position (null: now): its latest version then, and whether it was withdrawn. */
export const linkedDocumentsAt = async (
  db: Db,
  organisationId: string,
  documentIds: readonly string[],
  asOfPosition: number | null,
) => {
  if (documentIds.length === 0) return [];
  const at = asOfPosition ?? NOW;
  return tables(db)
    .selectFrom('evidence_document_versions as v')
    .innerJoin('evidence_documents as d', 'd.id', 'v.document_id')
    .select([
      'v.document_id',
      'v.version',
      'v.title',
      'v.dated_on',
      'v.file_name',
      'v.sha256',
      'v.position',
      sql<boolean>`coalesce(d.withdrawn_position <= ${at}, false)`.as('withdrawn'),
    ])
    .distinctOn('v.document_id')
    .where('v.organisation_id', '=', organisationId)
    .where('v.document_id', 'in', [...documentIds])
    .where('v.position', '<=', at)
    .orderBy('v.document_id')
    .orderBy('v.position', 'desc')
    .execute();
};

/** The timeline items behind linked events, for one indicator each, as recorded by a position (null: now). */
export const linkedItemsAt = async (
  db: Db,
  organisationId: string,
  links: readonly { indicator: number; eventId: string }[],
  asOfPosition: number | null,
) => {
  if (links.length === 0) return [];
  return tables(db)
    .selectFrom('evidence_items')
    .select(['event_id', 'indicator', 'occurred_at', 'kind', 'title', 'source_type', 'source_id', 'position'])
    .where('organisation_id', '=', organisationId)
    .where('event_id', 'in', [...new Set(links.map((link) => link.eventId))])
    .where('position', '<=', asOfPosition ?? NOW)
    .execute();
};

/** The revision of each indicator the organisation has assessed. */
export const selfAssessmentRevisions = async (db: Db, organisationId: string) => {
  const rows = await tables(db)
    .selectFrom('self_assessment_indicators')
    .select(['indicator', 'revision'])
    .where('organisation_id', '=', organisationId)
    .execute();
  return new Map(rows.map((row) => [row.indicator, Number(row.revision)]));
};
