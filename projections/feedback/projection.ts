import type { Kysely } from 'kysely';
import type { RecordedEvent } from '../../services/eventstore/types';
import type { FeedbackEvent, FeedbackSubmitted } from '../../services/feedback/events';
import { ERASED } from '../../services/privacy/declarations';
import type { PrivacyEvent } from '../../services/privacy/events';
import type { SessionCancelled } from '../../services/training/events';
import { sumBy } from '../grouping';
import { subjectIdsOf } from '../privacy';
import { insertRows, updateRows } from '../runner/bulk';
import { defineProjection } from '../runner/projection';
import type { FeedbackTables } from './tables';

type Answer = RecordedEvent<'FeedbackSubmitted', FeedbackSubmitted['data']>;

/**
 * Adds a run of answers to the counters of their links, sessions and organisations: one statement, the three
 * upserts as data-modifying CTEs (one round trip per run instead of three).
 */
const countAnswers = async (db: Kysely<FeedbackTables>, answers: readonly Answer[]) => {
  const links = sumBy(
    answers,
    (answer) => answer.data.linkId,
    () => 1,
  ).map(([link_id, responses]) => ({ link_id, responses }));
  const bySession = new Map<
    string,
    { session_id: string; organisation_id: string; responses: number; rating_sum: number }
  >();
  const byOrganisation = new Map<
    string,
    { organisation_id: string; responses: number; rating_sum: number }
  >();
  for (const { data, metadata } of answers) {
    const session = bySession.get(data.sessionId) ?? {
      session_id: data.sessionId,
      organisation_id: metadata.organisationId,
      responses: 0,
      rating_sum: 0,
    };
    const organisation = byOrganisation.get(metadata.organisationId) ?? {
      organisation_id: metadata.organisationId,
      responses: 0,
      rating_sum: 0,
    };
    for (const counts of [session, organisation]) {
      counts.responses += 1;
      counts.rating_sum += data.rating;
    }
    bySession.set(data.sessionId, session);
    byOrganisation.set(metadata.organisationId, organisation);
  }
  await db
    .with('link_counts', (db) =>
      db
        .insertInto('feedback_link_counts')
        .values(links)
        .onConflict((conflict) =>
          conflict.column('link_id').doUpdateSet((eb) => ({
            responses: eb('feedback_link_counts.responses', '+', eb.ref('excluded.responses')),
          })),
        ),
    )
    .with('session_counts', (db) =>
      db
        .insertInto('feedback_session_counts')
        .values([...bySession.values()])
        .onConflict((conflict) =>
          conflict.column('session_id').doUpdateSet((eb) => ({
            responses: eb('feedback_session_counts.responses', '+', eb.ref('excluded.responses')),
            rating_sum: eb('feedback_session_counts.rating_sum', '+', eb.ref('excluded.rating_sum')),
          })),
        ),
    )
    .insertInto('feedback_counts')
    .values([...byOrganisation.values()])
    .onConflict((conflict) =>
      conflict.column('organisation_id').doUpdateSet((eb) => ({
        responses: eb('feedback_counts.responses', '+', eb.ref('excluded.responses')),
        rating_sum: eb('feedback_counts.rating_sum', '+', eb.ref('excluded.rating_sum')),
      })),
    )
    .execute();
};

export const feedbackProjection = defineProjection<
  FeedbackTables,
  FeedbackEvent | SessionCancelled | PrivacyEvent
>({
  name: 'feedback',
  version: 5,
  tables: [
    'feedback_links',
    'feedback_responses',
    'feedback_link_counts',
    'feedback_session_counts',
    'feedback_counts',
  ],
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
      .addColumn('session_cancelled', 'boolean', (column) => column.notNull().defaultTo(false))
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
      .createTable('feedback_link_counts')
      .addColumn('link_id', 'uuid', (column) => column.primaryKey())
      .addColumn('responses', 'integer', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('feedback_session_counts')
      .addColumn('session_id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('responses', 'integer', (column) => column.notNull())
      .addColumn('rating_sum', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('feedback_counts')
      .addColumn('organisation_id', 'uuid', (column) => column.primaryKey())
      .addColumn('responses', 'integer', (column) => column.notNull())
      .addColumn('rating_sum', 'bigint', (column) => column.notNull())
      .execute();
  },
  // Answers only add rows and counters, never read a link; a link is opened before it is closed; a session is
  // cancelled after its links were opened (a cancelled session opens none); an answer is recorded before its
  // respondent is erased.
  batchOrder: [
    'FeedbackLinkOpened',
    'FeedbackSubmitted',
    'FeedbackLinkClosed',
    'SessionCancelled',
    'PersonalDataErased',
  ],
  handlers: {
    async FeedbackLinkOpened(db, events) {
      await db
        .insertInto('feedback_links')
        .values(
          events.map(({ data, metadata }) => ({
            id: data.linkId,
            organisation_id: metadata.organisationId,
            session_id: data.session.sessionId,
            audience: data.audience,
            created_at: metadata.occurredAt,
            expires_at: data.expiresAt,
            session_cancelled: false,
          })),
        )
        .execute();
    },
    async FeedbackSubmitted(db, events) {
      await insertRows(
        db,
        'feedback_responses',
        events.map(({ data, metadata }) => ({
          id: data.responseId,
          organisation_id: metadata.organisationId,
          link_id: data.linkId,
          session_id: data.sessionId,
          training_action_id: data.trainingActionId,
          audience: data.audience,
          rating: data.rating,
          comment: data.comment,
          submitted_at: metadata.occurredAt,
        })),
      );
      await countAnswers(db, events);
    },
    async SessionCancelled(db, events) {
      await db
        .updateTable('feedback_links')
        .set({ session_cancelled: true })
        .where(
          'session_id',
          'in',
          events.map(({ data }) => data.sessionId),
        )
        .execute();
    },
    async FeedbackLinkClosed(db, events) {
      // A link is closed once (the decider refuses a second close).
      await updateRows(
        db,
        'feedback_links',
        'id',
        events.map(({ data, metadata }) => ({ id: data.linkId, closed_at: metadata.occurredAt })),
      );
    },
    // An answer is its anonymous respondent's subject: its comment reads as erased, its rating stays.
    async PersonalDataErased(db, events) {
      const responseIds = subjectIdsOf(events, 'respondent');
      if (responseIds.length === 0) return;
      await db
        .updateTable('feedback_responses')
        .set({ comment: ERASED })
        .where('id', 'in', responseIds)
        .where('comment', 'is not', null)
        .execute();
    },
  },
});
