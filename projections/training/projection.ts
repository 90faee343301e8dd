import type { TrainingEvent } from '../../services/training/events';
import { defineProjection } from '../runner/projection';
import type { TrainingTables } from './tables';

export const trainingProjection = defineProjection<TrainingTables, TrainingEvent>({
  name: 'training',
  version: 1,
  tables: ['training_actions', 'training_sessions'],
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
  },
  handlers: {
    async TrainingActionCreated(db, event) {
      const { trainingActionId, title, category, certifying } = event.data;
      await db
        .insertInto('training_actions')
        .values({
          id: trainingActionId,
          organisation_id: event.metadata.organisationId,
          title,
          category,
          certifying,
          created_at: event.metadata.occurredAt,
          revision: event.revision,
        })
        .execute();
    },
    async SessionScheduled(db, event) {
      const { sessionId, trainingActionId, title, startsOn, endsOn, site } = event.data;
      await db
        .insertInto('training_sessions')
        .values({
          id: sessionId,
          organisation_id: event.metadata.organisationId,
          training_action_id: trainingActionId,
          title,
          starts_on: startsOn,
          ends_on: endsOn,
          site,
          created_at: event.metadata.occurredAt,
        })
        .execute();
      await db
        .updateTable('training_actions')
        .set({ revision: event.revision })
        .where('id', '=', trainingActionId)
        .execute();
    },
  },
});
