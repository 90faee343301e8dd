import { sql } from 'kysely';
import type { Db } from '../../services/db/database';
import { likePattern } from '../like';
import type { DocumentsTables, EvidenceDocumentVersionRow } from './tables';

const tables = (db: Db) => db.withTables<DocumentsTables>();

/** The most documents one list read answers. */
export const MAX_DOCUMENT_ROWS = 1000;

export interface EvidenceDocumentFilter {
  /** Documents supporting this indicator. */
  indicator?: number | null;
  /** Words in the title. */
  search?: string | null;
  /** Withdrawn documents too (default: current ones only). */
  includeWithdrawn?: boolean | null;
}

/** An organisation's documents at their current version under a filter, latest changed first. */
export const listEvidenceDocuments = (db: Db, organisationId: string, filter: EvidenceDocumentFilter) => {
  let query = tables(db)
    .selectFrom('evidence_documents')
    .selectAll()
    .where('organisation_id', '=', organisationId);
  if (!filter.includeWithdrawn) query = query.where('withdrawn', '=', false);
  if (filter.indicator !== undefined && filter.indicator !== null) {
    query = query.where(sql<boolean>`${sql.ref('indicators')} @> ARRAY[${filter.indicator}]::integer[]`);
  }
  const words = filter.search?.trim();
  if (words) query = query.where('title', 'ilike', likePattern(words));
  return query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(MAX_DOCUMENT_ROWS).execute();
};

/** One document of the organisation, or undefined (another organisation's is unknown here). */
export const findEvidenceDocument = (db: Db, organisationId: string, documentId: string) =>
  tables(db)
    .selectFrom('evidence_documents')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', documentId)
    .executeTakeFirst();

/** Every version of the organisation's documents among these, newest version first. */
export const versionsOfEvidenceDocuments = (
  db: Db,
  organisationId: string,
  documentIds: readonly string[],
) =>
  documentIds.length === 0
    ? Promise.resolve([])
    : tables(db)
        .selectFrom('evidence_document_versions')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('document_id', 'in', [...documentIds])
        .orderBy('document_id')
        .orderBy('version', 'desc')
        .execute();

/** One version of one of the organisation's documents, or undefined. */
export const findEvidenceDocumentVersion = (
  db: Db,
  organisationId: string,
  documentId: string,
  version: number,
) =>
  tables(db)
    .selectFrom('evidence_document_versions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirst();

/**
 * The versions current at a log position, for documents supporting any of these indicators: per document the
 * latest version added at or before the position, unless the document was withdrawn by then; by document id,
 * then version. What the audit binder as of that position carries.
 */
export const evidenceDocumentsAsOf = async (
  db: Db,
  organisationId: string,
  indicators: readonly number[],
  asOfPosition: number,
): Promise<EvidenceDocumentVersionRow[]> => {
  if (indicators.length === 0) return [];
  const current = tables(db)
    .selectFrom('evidence_document_versions')
    .selectAll()
    .distinctOn('document_id')
    .where('organisation_id', '=', organisationId)
    .where('position', '<=', asOfPosition)
    .orderBy('document_id')
    .orderBy('position', 'desc');
  return tables(db)
    .selectFrom(current.as('current'))
    .selectAll('current')
    .where(sql<boolean>`${sql.ref('current.indicators')} && ${sql.val([...indicators])}::integer[]`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('evidence_documents')
            .select('id')
            .whereRef('evidence_documents.id', '=', 'current.document_id')
            .where('evidence_documents.withdrawn_position', '<=', asOfPosition),
        ),
      ),
    )
    .orderBy('current.document_id')
    .orderBy('current.version')
    .execute();
};
