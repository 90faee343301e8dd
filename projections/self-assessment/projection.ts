import type { Kysely } from 'kysely';
import type { SelfAssessmentEvent } from '../../services/self-assessment/events';
import { insertRows } from '../runner/bulk';
import { defineProjection, type Recorded } from '../runner/projection';
import type { SelfAssessmentTables } from './tables';

type Db = Kysely<SelfAssessmentTables>;

/** Each event moves its indicator's revision (what If-Match names). */
const touch = async (db: Db, events: readonly Recorded<SelfAssessmentEvent>[]) => {
  for (const { data, metadata, revision } of events) {
    await db
      .insertInto('self_assessment_indicators')
      .values({
        organisation_id: metadata.organisationId,
        indicator: data.indicator,
        revision,
        updated_at: metadata.occurredAt,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['organisation_id', 'indicator'])
          .doUpdateSet({ revision, updated_at: metadata.occurredAt }),
      )
      .execute();
  }
};

/**
 * The self-assessments: per organisation and indicator every approach version, every link and every rating, each
 * with the log position that recorded it, so the preparatory document reads them as they stood at any position.
 * Nothing here is personal (see the events' declarations): no erasure handler.
 */
export const selfAssessmentProjection = defineProjection<SelfAssessmentTables, SelfAssessmentEvent>({
  name: 'self_assessment',
  version: 1,
  tables: [
    'self_assessment_indicators',
    'self_assessment_approaches',
    'self_assessment_links',
    'self_assessment_ratings',
  ],
  async create(db) {
    await db.schema
      .createTable('self_assessment_indicators')
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('indicator', 'integer', (column) => column.notNull())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
      .addPrimaryKeyConstraint('self_assessment_indicators_pkey', ['organisation_id', 'indicator'])
      .execute();
    await db.schema
      .createTable('self_assessment_approaches')
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('indicator', 'integer', (column) => column.notNull())
      .addColumn('version', 'integer', (column) => column.notNull())
      .addColumn('text', 'text', (column) => column.notNull())
      .addColumn('written_by', 'uuid', (column) => column.notNull())
      .addColumn('written_at', 'timestamptz', (column) => column.notNull())
      .addColumn('position', 'bigint', (column) => column.notNull())
      .addPrimaryKeyConstraint('self_assessment_approaches_pkey', ['organisation_id', 'indicator', 'version'])
      .execute();
    await db.schema
      .createTable('self_assessment_links')
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('indicator', 'integer', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('target_id', 'text', (column) => column.notNull())
      .addColumn('linked_by', 'uuid', (column) => column.notNull())
      .addColumn('linked_at', 'timestamptz', (column) => column.notNull())
      .addColumn('linked_position', 'bigint', (column) => column.notNull())
      .addColumn('unlinked_position', 'bigint')
      .addPrimaryKeyConstraint('self_assessment_links_pkey', [
        'organisation_id',
        'indicator',
        'kind',
        'target_id',
        'linked_position',
      ])
      .execute();
    await db.schema
      .createTable('self_assessment_ratings')
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('indicator', 'integer', (column) => column.notNull())
      .addColumn('rating', 'text', (column) => column.notNull())
      .addColumn('note', 'text')
      .addColumn('rated_by', 'uuid', (column) => column.notNull())
      .addColumn('rated_at', 'timestamptz', (column) => column.notNull())
      .addColumn('position', 'bigint', (column) => column.notNull())
      .addPrimaryKeyConstraint('self_assessment_ratings_pkey', ['organisation_id', 'indicator', 'position'])
      .execute();
  },
  handlers: {
    async ApproachWritten(db, events) {
      await insertRows(
        db,
        'self_assessment_approaches',
        events.map(({ data, metadata, position }) => ({
          organisation_id: metadata.organisationId,
          indicator: data.indicator,
          version: data.version,
          text: data.text,
          written_by: data.writtenBy,
          written_at: metadata.occurredAt,
          position,
        })),
      );
      await touch(db, events);
    },
    async SelfAssessmentEvidenceLinked(db, events) {
      await insertRows(
        db,
        'self_assessment_links',
        events.map(({ data, metadata, position }) => ({
          organisation_id: metadata.organisationId,
          indicator: data.indicator,
          kind: data.target.kind,
          target_id: data.target.id,
          linked_by: data.linkedBy,
          linked_at: metadata.occurredAt,
          linked_position: position,
          unlinked_position: null,
        })),
      );
      await touch(db, events);
    },
    async SelfAssessmentEvidenceUnlinked(db, events) {
      for (const { data, metadata, position } of events) {
        await db
          .updateTable('self_assessment_links')
          .set({ unlinked_position: position })
          .where('organisation_id', '=', metadata.organisationId)
          .where('indicator', '=', data.indicator)
          .where('kind', '=', data.target.kind)
          .where('target_id', '=', data.target.id)
          .where('unlinked_position', 'is', null)
          .execute();
      }
      await touch(db, events);
    },
    async SelfRated(db, events) {
      await insertRows(
        db,
        'self_assessment_ratings',
        events.map(({ data, metadata, position }) => ({
          organisation_id: metadata.organisationId,
          indicator: data.indicator,
          rating: data.rating,
          note: data.note,
          rated_by: data.ratedBy,
          rated_at: metadata.occurredAt,
          position,
        })),
      );
      await touch(db, events);
    },
  },
});
