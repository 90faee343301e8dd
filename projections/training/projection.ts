import type { Kysely } from 'kysely';
import type { TrainingEvent } from '../../services/training/events';
import { lastBy, sumBy } from '../grouping';
import { defineProjection } from '../runner/projection';
import type { TrainingTables } from './tables';

/** Adds to the organisations' counters, one statement for the whole run. */
const bumpCounts = async (
  db: Kysely<TrainingTables>,
  column: 'actions' | 'sessions',
  organisationIds: readonly string[],
) => {
  const rows = sumBy(
    organisationIds,
    (id) => id,
    () => 1,
  ).map(([organisation_id, count]) => ({
    organisation_id,
    actions: column === 'actions' ? count : 0,
    sessions: column === 'sessions' ? count : 0,
  }));
  await db
    .insertInto('training_counts')
    .values(rows)
    .onConflict((conflict) =>
      conflict.column('organisation_id').doUpdateSet((eb) => ({
        [column]: eb(`training_counts.${column}`, '+', eb.ref(`excluded.${column}`)),
      })),
    )
    .execute();
};

export const trainingProjection = defineProjection<TrainingTables, TrainingEvent>({
  name: 'training',
  version: 2,
  tables: ['training_actions', 'training_sessions', 'training_counts'],
  async create(db) {
    await db.schema
      .createTable('training_actions')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('title', 'text', (column) => column.notNull())
      .addColumn('category', 'text', (column) => column.notNull())
      .addColumn('certifying', 'boolean', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('training_actions_organisation_idx')
      .on('training_actions')
      .columns(['organisation_id', 'created_at desc', 'id desc'])
      .execute();
    await db.schema
      .createTable('training_sessions')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('training_action_id', 'uuid', (column) => column.notNull())
      .addColumn('title', 'text', (column) => column.notNull())
      .addColumn('starts_on', 'date', (column) => column.notNull())
      .addColumn('ends_on', 'date', (column) => column.notNull())
      .addColumn('site', 'text', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('training_sessions_action_idx')
      .on('training_sessions')
      .columns(['training_action_id', 'starts_on'])
      .execute();
    await db.schema
      .createTable('training_counts')
      .addColumn('organisation_id', 'uuid', (column) => column.primaryKey())
      .addColumn('actions', 'integer', (column) => column.notNull())
      .addColumn('sessions', 'integer', (column) => column.notNull())
      .execute();
  },
  handlers: {
    async TrainingActionCreated(db, events) {
      await db
        .insertInto('training_actions')
        .values(
          events.map(({ data, metadata, revision }) => ({
            id: data.trainingActionId,
            organisation_id: metadata.organisationId,
            title: data.title,
            category: data.category,
            certifying: data.certifying,
            created_at: metadata.occurredAt,
            revision,
          })),
        )
        .execute();
      await bumpCounts(
        db,
        'actions',
        events.map((event) => event.metadata.organisationId),
      );
    },
    async SessionScheduled(db, events) {
      await db
        .insertInto('training_sessions')
        .values(
          events.map(({ data, metadata }) => ({
            id: data.sessionId,
            organisation_id: metadata.organisationId,
            training_action_id: data.trainingActionId,
            title: data.title,
            starts_on: data.startsOn,
            ends_on: data.endsOn,
            site: data.site,
            created_at: metadata.occurredAt,
          })),
        )
        .execute();
      for (const last of lastBy(events, (event) => event.data.trainingActionId)) {
        await db
          .updateTable('training_actions')
          .set({ revision: last.revision })
          .where('id', '=', last.data.trainingActionId)
          .execute();
      }
      await bumpCounts(
        db,
        'sessions',
        events.map((event) => event.metadata.organisationId),
      );
    },
  },
});
