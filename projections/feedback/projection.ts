import type { FeedbackEvent } from '../../services/feedback/events';
import { defineProjection } from '../runner/projection';
import type { FeedbackTables } from './tables';

export const feedbackProjection = defineProjection<FeedbackTables, FeedbackEvent>({
  name: 'feedback',
  version: 2,
  tables: ['feedback_links', 'feedback_responses'],
  async create(db) {
    await db.schema
      .createTable('feedback_links')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('session_id', 'uuid', (column) => column.notNull())
      .addColumn('audience', 'text', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .addColumn('expires_at', 'timestamptz', (column) => column.notNull())
      .addColumn('closed_at', 'timestamptz')
      .addColumn('response_count', 'integer', (column) => column.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('feedback_links_session_idx')
      .on('feedback_links')
      .column('session_id')
      .execute();
    await db.schema
      .createTable('feedback_responses')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('link_id', 'uuid', (column) => column.notNull())
      .addColumn('session_id', 'uuid', (column) => column.notNull())
      .addColumn('training_action_id', 'uuid', (column) => column.notNull())
      .addColumn('audience', 'text', (column) => column.notNull())
      .addColumn('rating', 'smallint', (column) => column.notNull())
      .addColumn('comment', 'text')
      .addColumn('submitted_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('feedback_responses_session_idx')
      .on('feedback_responses')
      .columns(['session_id', 'submitted_at'])
      .execute();
    await db.schema
      .createIndex('feedback_responses_organisation_idx')
      .on('feedback_responses')
      .columns(['organisation_id', 'submitted_at'])
      .execute();
  },
  handlers: {
    async FeedbackLinkOpened(db, event) {
      const { linkId, audience, expiresAt, session } = event.data;
      await db
        .insertInto('feedback_links')
        .values({
          id: linkId,
          organisation_id: event.metadata.organisationId,
          session_id: session.sessionId,
          audience,
          created_at: event.metadata.occurredAt,
          expires_at: expiresAt,
        })
        .execute();
    },
    async FeedbackSubmitted(db, event) {
      const { responseId, linkId, sessionId, trainingActionId, audience, rating, comment } = event.data;
      await db
        .insertInto('feedback_responses')
        .values({
          id: responseId,
          organisation_id: event.metadata.organisationId,
          link_id: linkId,
          session_id: sessionId,
          training_action_id: trainingActionId,
          audience,
          rating,
          comment,
          submitted_at: event.metadata.occurredAt,
        })
        .execute();
      await db
        .updateTable('feedback_links')
        .set((eb) => ({ response_count: eb('response_count', '+', 1) }))
        .where('id', '=', linkId)
        .execute();
    },
    async FeedbackLinkClosed(db, event) {
      await db
        .updateTable('feedback_links')
        .set({ closed_at: event.metadata.occurredAt })
        .where('id', '=', event.data.linkId)
        .execute();
    },
  },
});
