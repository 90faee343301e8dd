import { type Kysely, sql, type Updateable } from 'kysely';
import type { ActionContent, ActionEvent } from '../../services/actions/events';
import type { EventMetadata, RecordedEvent } from '../../services/eventstore/types';
import { ERASED } from '../../services/privacy/declarations';
import type { PersonalDataErased } from '../../services/privacy/events';
import { defineProjection, type Recorded } from '../runner/projection';
import type { ActionsTables } from './tables';

type Db = Kysely<ActionsTables>;
type Of<Type extends ActionEvent['type']> = Recorded<Extract<ActionEvent, { type: Type }>>;

const userOf = (metadata: EventMetadata) =>
  metadata.actor.type === 'user' ? (metadata.actor.id ?? null) : null;

const contentColumns = (content: ActionContent) => ({
  title: content.title,
  description: content.description,
  type: content.type,
  priority: content.priority,
  owner_id: content.ownerId,
  due_on: content.dueOn,
  origins: JSON.stringify(content.origins) as unknown as ActionContent['origins'],
});

/** Records a step in the history and moves the action's revision. */
const step = async (
  db: Db,
  event: RecordedEvent,
  actionId: string,
  name: string,
  text: string | null,
  details: Record<string, unknown>,
  set: Updateable<ActionsTables['improvement_actions']> = {},
) => {
  const subject = (event.data as { subject?: string }).subject;
  await db
    .insertInto('improvement_action_history')
    .values({
      action_id: actionId,
      revision: event.revision,
      organisation_id: event.metadata.organisationId,
      step: name,
      text,
      details: JSON.stringify(details) as unknown as Record<string, unknown>,
      subject: subject ?? '',
      changed_by: userOf(event.metadata),
      changed_at: event.metadata.occurredAt,
    })
    .onConflict((conflict) => conflict.columns(['action_id', 'revision']).doNothing())
    .execute();
  await db
    .updateTable('improvement_actions')
    .set({ ...set, revision: event.revision, updated_at: event.metadata.occurredAt })
    .where('id', '=', actionId)
    .execute();
};

const each =
  <Type extends ActionEvent['type']>(apply: (db: Db, event: Of<Type>) => Promise<void>) =>
  async (db: Db, events: readonly Of<Type>[]) => {
    for (const event of events) await apply(db, event);
  };

/**
 * The improvement plan: each action's current state, its steps and files, and the files. An erasure of a subject scrubs the free text sealed with it everywhere here.
 */
export const actionsProjection = defineProjection<ActionsTables, ActionEvent | PersonalDataErased>({
  name: 'improvement_actions',
  version: 1,
  tables: ['improvement_actions', 'improvement_action_history', 'improvement_action_files'],
  async create(db) {
    await db.schema
      .createTable('improvement_actions')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('subject', 'text', (column) => column.notNull())
      .addColumn('title', 'text', (column) => column.notNull())
      .addColumn('description', 'text')
      .addColumn('type', 'text', (column) => column.notNull())
      .addColumn('priority', 'text', (column) => column.notNull())
      .addColumn('owner_id', 'uuid', (column) => column.notNull())
      .addColumn('due_on', 'date')
      .addColumn('origins', 'jsonb', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('effectiveness', 'text')
      .addColumn('request_id', 'text')
      .addColumn('follow_up_of', 'uuid')
      .addColumn('follow_up_action_id', 'uuid')
      .addColumn('started_on', 'date')
      .addColumn('done_on', 'date')
      .addColumn('ended_at', 'timestamptz')
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('planned_by', 'uuid')
      .addColumn('planned_at', 'timestamptz', (column) => column.notNull())
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('improvement_actions_plan_idx')
      .on('improvement_actions')
      .columns(['organisation_id', 'status', 'due_on'])
      .execute();
    await db.schema
      .createTable('improvement_action_history')
      .addColumn('action_id', 'uuid', (column) => column.notNull())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('step', 'text', (column) => column.notNull())
      .addColumn('text', 'text')
      .addColumn('details', 'jsonb', (column) => column.notNull())
      .addColumn('subject', 'text', (column) => column.notNull())
      .addColumn('changed_by', 'uuid')
      .addColumn('changed_at', 'timestamptz', (column) => column.notNull())
      .addPrimaryKeyConstraint('improvement_action_history_pkey', ['action_id', 'revision'])
      .execute();
    await db.schema
      .createTable('improvement_action_files')
      .addColumn('file_id', 'uuid', (column) => column.primaryKey())
      .addColumn('action_id', 'uuid', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('file_name', 'text', (column) => column.notNull())
      .addColumn('content_type', 'text', (column) => column.notNull())
      .addColumn('size', 'integer', (column) => column.notNull())
      .addColumn('attached_by', 'uuid')
      .addColumn('attached_at', 'timestamptz', (column) => column.notNull())
      .execute();
  },
  handlers: {
    ImprovementActionPlanned: each<'ImprovementActionPlanned'>(async (db, event) => {
      const { data, metadata } = event;
      await db
        .insertInto('improvement_actions')
        .values({
          id: data.actionId,
          organisation_id: metadata.organisationId,
          subject: data.subject,
          ...contentColumns(data),
          status: 'planned',
          effectiveness: null,
          request_id: data.requestId,
          follow_up_of: data.followUpOf,
          follow_up_action_id: null,
          started_on: null,
          done_on: null,
          ended_at: null,
          revision: event.revision,
          planned_by: userOf(metadata),
          planned_at: metadata.occurredAt,
          updated_at: metadata.occurredAt,
        })
        .onConflict((conflict) => conflict.column('id').doNothing())
        .execute();
      await step(db, event, data.actionId, 'planned', null, {
        requestId: data.requestId,
        followUpOf: data.followUpOf,
      });
    }),
    ImprovementActionEdited: each<'ImprovementActionEdited'>(async (db, event) => {
      await step(db, event, event.data.actionId, 'edited', null, {}, contentColumns(event.data));
    }),
    ImprovementActionStarted: each<'ImprovementActionStarted'>(async (db, event) => {
      const { actionId, startedOn } = event.data;
      await step(
        db,
        event,
        actionId,
        'started',
        null,
        { on: startedOn },
        {
          status: 'in_progress',
          started_on: startedOn,
        },
      );
    }),
    ImprovementActionProgressNoted: each<'ImprovementActionProgressNoted'>(async (db, event) => {
      await step(db, event, event.data.actionId, 'progress', event.data.note, {});
    }),
    ImprovementActionEvidenceAttached: each<'ImprovementActionEvidenceAttached'>(async (db, event) => {
      const { actionId, fileId, fileName, contentType, size } = event.data;
      await db
        .insertInto('improvement_action_files')
        .values({
          file_id: fileId,
          action_id: actionId,
          organisation_id: event.metadata.organisationId,
          file_name: fileName,
          content_type: contentType,
          size,
          attached_by: userOf(event.metadata),
          attached_at: event.metadata.occurredAt,
        })
        .onConflict((conflict) => conflict.column('file_id').doNothing())
        .execute();
      await step(db, event, actionId, 'evidence', null, { fileId, fileName });
    }),
    ImprovementActionDone: each<'ImprovementActionDone'>(async (db, event) => {
      const { actionId, doneOn, summary } = event.data;
      await step(db, event, actionId, 'done', summary, { on: doneOn }, { status: 'done', done_on: doneOn });
    }),
    ImprovementActionEffectivenessChecked: each<'ImprovementActionEffectivenessChecked'>(
      async (db, event) => {
        const { actionId, outcome, next, followUpActionId, comment, checkedOn } = event.data;
        const reopened = next === 'reopen';
        await step(
          db,
          event,
          actionId,
          'checked',
          comment,
          { on: checkedOn, outcome, next, followUpActionId },
          {
            status: reopened ? 'in_progress' : 'closed',
            effectiveness: outcome,
            follow_up_action_id: followUpActionId,
            done_on: reopened ? null : undefined,
            ended_at: reopened ? null : event.metadata.occurredAt,
          },
        );
      },
    ),
    ImprovementActionCancelled: each<'ImprovementActionCancelled'>(async (db, event) => {
      const { actionId, reason, note } = event.data;
      await step(
        db,
        event,
        actionId,
        'cancelled',
        note,
        { reason },
        {
          status: 'cancelled',
          ended_at: event.metadata.occurredAt,
        },
      );
    }),
    async PersonalDataErased(db, events) {
      const subjects = events.map((event) => event.data.subjectId);
      const erased = sql<string>`${ERASED}::text`;
      await db
        .updateTable('improvement_actions')
        .set({
          title: erased,
          description: sql`CASE WHEN description IS NULL THEN NULL ELSE ${erased} END`,
        })
        .where('subject', 'in', subjects)
        .execute();
      await db
        .updateTable('improvement_action_history')
        .set({ text: sql`CASE WHEN text IS NULL THEN NULL ELSE ${erased} END` })
        .where('subject', 'in', subjects)
        .execute();
    },
  },
});
