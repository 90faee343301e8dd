import { type Kysely, sql } from 'kysely';
import type { DocumentVersion, EvidenceDocumentEvent } from '../../services/documents/events';
import { ERASED } from '../../services/privacy/declarations';
import type { PersonalDataErased } from '../../services/privacy/events';
import { subjectIdsOf } from '../privacy';
import { insertRows } from '../runner/bulk';
import { defineProjection, type Recorded } from '../runner/projection';
import type { DocumentsTables } from './tables';

type Db = Kysely<DocumentsTables>;
type Event = EvidenceDocumentEvent | PersonalDataErased;
type VersionEvent = Recorded<Extract<EvidenceDocumentEvent, { data: DocumentVersion }>>;

/** The columns a version sets, on the document (its current version) and in the history alike. */
const versionColumns = (data: DocumentVersion) => ({
  title: data.title,
  dated_on: data.on,
  version: data.version,
  indicators: data.indicators,
  note: data.note,
  added_by: data.addedBy,
  file_id: data.file.fileId,
  file_name: data.file.fileName,
  media_type: data.file.mediaType,
  size: data.file.size,
  sha256: data.file.sha256,
});

const addVersions = (db: Db, events: readonly VersionEvent[]) =>
  insertRows(
    db,
    'evidence_document_versions',
    events.map(({ data, metadata, position }) => ({
      ...versionColumns(data),
      document_id: data.documentId,
      organisation_id: metadata.organisationId,
      added_at: metadata.occurredAt,
      position,
    })),
  );

/**
 * The evidence documents: each document at its current version, and every version with its file and the log
 * position that added it (what a binder as of a past position reads). An erased member's notes and reasons
 * read as erased.
 */
export const documentsProjection = defineProjection<DocumentsTables, Event>({
  name: 'documents',
  version: 1,
  tables: ['evidence_documents', 'evidence_document_versions'],
  async create(db) {
    await db.schema
      .createTable('evidence_documents')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('title', 'text', (column) => column.notNull())
      .addColumn('dated_on', 'date', (column) => column.notNull())
      .addColumn('version', 'integer', (column) => column.notNull())
      .addColumn('indicators', sql`integer[]`, (column) => column.notNull())
      .addColumn('note', 'text')
      .addColumn('added_by', 'uuid')
      .addColumn('file_id', 'uuid', (column) => column.notNull())
      .addColumn('file_name', 'text', (column) => column.notNull())
      .addColumn('media_type', 'text', (column) => column.notNull())
      .addColumn('size', 'integer', (column) => column.notNull())
      .addColumn('sha256', 'text', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
      .addColumn('withdrawn', 'boolean', (column) => column.notNull())
      .addColumn('withdrawn_on', 'date')
      .addColumn('withdrawn_reason', 'text')
      .addColumn('withdrawn_by', 'uuid')
      .addColumn('withdrawn_position', 'bigint')
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('evidence_documents_list_idx')
      .on('evidence_documents')
      .columns(['organisation_id', 'updated_at', 'id'])
      .execute();
    await db.schema
      .createTable('evidence_document_versions')
      .addColumn('document_id', 'uuid', (column) => column.notNull())
      .addColumn('version', 'integer', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('title', 'text', (column) => column.notNull())
      .addColumn('dated_on', 'date', (column) => column.notNull())
      .addColumn('indicators', sql`integer[]`, (column) => column.notNull())
      .addColumn('note', 'text')
      .addColumn('added_by', 'uuid')
      .addColumn('added_at', 'timestamptz', (column) => column.notNull())
      .addColumn('file_id', 'uuid', (column) => column.notNull())
      .addColumn('file_name', 'text', (column) => column.notNull())
      .addColumn('media_type', 'text', (column) => column.notNull())
      .addColumn('size', 'integer', (column) => column.notNull())
      .addColumn('sha256', 'text', (column) => column.notNull())
      .addColumn('position', 'bigint', (column) => column.notNull())
      .addPrimaryKeyConstraint('evidence_document_versions_pkey', ['document_id', 'version'])
      .execute();
    await db.schema
      .createIndex('evidence_document_versions_as_of_idx')
      .on('evidence_document_versions')
      .columns(['organisation_id', 'document_id', 'position'])
      .execute();
  },
  handlers: {
    async EvidenceDocumentAdded(db, events) {
      await insertRows(
        db,
        'evidence_documents',
        events.map(({ data, metadata, revision }) => ({
          ...versionColumns(data),
          id: data.documentId,
          organisation_id: metadata.organisationId,
          created_at: metadata.occurredAt,
          updated_at: metadata.occurredAt,
          withdrawn: false,
          withdrawn_on: null,
          withdrawn_reason: null,
          withdrawn_by: null,
          withdrawn_position: null,
          revision,
        })),
      );
      await addVersions(db, events);
    },
    async EvidenceDocumentVersionAdded(db, events) {
      for (const { data, metadata, revision } of events) {
        await db
          .updateTable('evidence_documents')
          .set({ ...versionColumns(data), updated_at: metadata.occurredAt, revision })
          .where('id', '=', data.documentId)
          .execute();
      }
      await addVersions(db, events);
    },
    async EvidenceDocumentWithdrawn(db, events) {
      for (const { data, metadata, revision, position } of events) {
        await db
          .updateTable('evidence_documents')
          .set({
            withdrawn: true,
            withdrawn_on: data.withdrawnOn,
            withdrawn_reason: data.reason,
            withdrawn_by: data.withdrawnBy,
            withdrawn_position: position,
            updated_at: metadata.occurredAt,
            revision,
          })
          .where('id', '=', data.documentId)
          .execute();
      }
    },
    async PersonalDataErased(db, events) {
      const ids = subjectIdsOf(events, 'user');
      if (ids.length === 0) return;
      const erasedNote = sql<string>`CASE WHEN note IS NULL THEN NULL ELSE ${ERASED}::text END`;
      await db
        .updateTable('evidence_documents')
        .set({ note: erasedNote })
        .where('added_by', 'in', ids)
        .execute();
      await db
        .updateTable('evidence_documents')
        .set({ withdrawn_reason: ERASED })
        .where('withdrawn_by', 'in', ids)
        .execute();
      await db
        .updateTable('evidence_document_versions')
        .set({ note: erasedNote })
        .where('added_by', 'in', ids)
        .execute();
    },
  },
});
