import { execute } from '../../services/db/database';
import {
  type FeedbackLinkClosed,
  type FeedbackLinkOpened,
  type FeedbackSubmitted,
  feedbackEventTypes,
} from '../../services/feedback/events';
import { defineProjection } from '../runner/projection';

export const feedbackProjection = defineProjection({
  name: 'feedback',
  version: 1,
  tables: ['feedback_links', 'feedback_responses'],
  ddl: [
    `CREATE TABLE feedback_links (
      id uuid PRIMARY KEY,
      organisation_id uuid NOT NULL,
      session_id uuid NOT NULL,
      audience text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      closed_at timestamptz
    )`,
    'CREATE INDEX feedback_links_session_idx ON feedback_links (session_id)',
    `CREATE TABLE feedback_responses (
      id uuid PRIMARY KEY,
      organisation_id uuid NOT NULL,
      link_id uuid NOT NULL,
      session_id uuid NOT NULL,
      training_action_id uuid NOT NULL,
      audience text NOT NULL,
      rating smallint NOT NULL,
      comment text,
      submitted_at timestamptz NOT NULL
    )`,
    'CREATE INDEX feedback_responses_session_idx ON feedback_responses (session_id, submitted_at)',
    'CREATE INDEX feedback_responses_organisation_idx ON feedback_responses (organisation_id, submitted_at)',
  ],
  handles: feedbackEventTypes,
  async apply(tx, event) {
    const organisationId = event.metadata.organisationId;
    const at = event.metadata.occurredAt;
    switch (event.type) {
      case 'FeedbackLinkOpened': {
        const data = event.data as FeedbackLinkOpened['data'];
        await execute(
          tx,
          `INSERT INTO feedback_links (id, organisation_id, session_id, audience, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [data.linkId, organisationId, data.session.sessionId, data.audience, at, data.expiresAt],
        );
        return;
      }
      case 'FeedbackSubmitted': {
        const data = event.data as FeedbackSubmitted['data'];
        await execute(
          tx,
          `INSERT INTO feedback_responses
             (id, organisation_id, link_id, session_id, training_action_id, audience, rating, comment, submitted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            data.responseId,
            organisationId,
            data.linkId,
            data.sessionId,
            data.trainingActionId,
            data.audience,
            data.rating,
            data.comment,
            at,
          ],
        );
        return;
      }
      case 'FeedbackLinkClosed': {
        const data = event.data as FeedbackLinkClosed['data'];
        await execute(tx, 'UPDATE feedback_links SET closed_at = $2 WHERE id = $1', [data.linkId, at]);
      }
    }
  },
});
