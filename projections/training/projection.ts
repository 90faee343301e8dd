import { execute } from '../../services/db/database';
import {
  type SessionScheduled,
  type TrainingActionCreated,
  trainingEventTypes,
} from '../../services/training/events';
import { defineProjection } from '../runner/projection';

export const trainingProjection = defineProjection({
  name: 'training',
  version: 1,
  tables: ['training_actions', 'training_sessions'],
  ddl: [
    `CREATE TABLE training_actions (
      id uuid PRIMARY KEY,
      organisation_id uuid NOT NULL,
      title text NOT NULL,
      category text NOT NULL,
      certifying boolean NOT NULL,
      created_at timestamptz NOT NULL,
      revision bigint NOT NULL
    )`,
    'CREATE INDEX training_actions_organisation_idx ON training_actions (organisation_id, created_at DESC, id DESC)',
    `CREATE TABLE training_sessions (
      id uuid PRIMARY KEY,
      organisation_id uuid NOT NULL,
      training_action_id uuid NOT NULL,
      title text NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      site text NOT NULL,
      created_at timestamptz NOT NULL
    )`,
    'CREATE INDEX training_sessions_action_idx ON training_sessions (training_action_id, starts_on)',
  ],
  handles: trainingEventTypes,
  async apply(tx, event) {
    const organisationId = event.metadata.organisationId;
    if (event.type === 'TrainingActionCreated') {
      const data = event.data as TrainingActionCreated['data'];
      await execute(
        tx,
        `INSERT INTO training_actions (id, organisation_id, title, category, certifying, created_at, revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          data.trainingActionId,
          organisationId,
          data.title,
          data.category,
          data.certifying,
          event.metadata.occurredAt,
          event.revision,
        ],
      );
      return;
    }
    const data = event.data as SessionScheduled['data'];
    await execute(
      tx,
      `INSERT INTO training_sessions (id, organisation_id, training_action_id, title, starts_on, ends_on, site, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        data.sessionId,
        organisationId,
        data.trainingActionId,
        data.title,
        data.startsOn,
        data.endsOn,
        data.site,
        event.metadata.occurredAt,
      ],
    );
    await execute(tx, 'UPDATE training_actions SET revision = $2 WHERE id = $1', [
      data.trainingActionId,
      event.revision,
    ]);
  },
});
