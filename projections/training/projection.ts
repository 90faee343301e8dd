import type { Insertable, Kysely } from 'kysely';
import type { TrainingEvent } from '../../services/training/events';
import { lastBy, sumBy } from '../grouping';
import { updateRows } from '../runner/bulk';
import type { Recorded } from '../runner/projection';
import { defineProjection } from '../runner/projection';
import type { TrainingTables } from './tables';

type Db = Kysely<TrainingTables>;
type Of<Type extends TrainingEvent['type']> = Recorded<Extract<TrainingEvent, { type: Type }>>;
type ActionEvent = Recorded<TrainingEvent>;
/** What a change set, as the history shows it. */
type ChangedValues = Partial<
  Pick<
    Insertable<TrainingTables['training_history']>,
    'title' | 'category' | 'certifying' | 'starts_on' | 'ends_on' | 'site'
  >
>;
type SessionEvent = Of<
  | 'SessionScheduled'
  | 'SessionRenamed'
  | 'SessionRescheduled'
  | 'SessionMoved'
  | 'SessionCancelled'
  | 'SessionArchived'
  | 'SessionUnarchived'
>;

/** Adds to the organisations' counters (a negative amount takes away), one statement for the whole run. */
const bumpCounts = async (
  db: Db,
  column: 'actions' | 'sessions',
  organisationIds: readonly string[],
  amount = 1,
) => {
  const rows = sumBy(
    organisationIds,
    (id) => id,
    () => amount,
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

/** The action rows follow their stream's revision: one UPDATE per run, whichever events it holds. */
const followRevisions = (db: Db, events: readonly ActionEvent[]) =>
  updateRows(
    db,
    'training_actions',
    'id',
    lastBy(events, (event) => event.data.trainingActionId).map((event) => ({
      id: event.data.trainingActionId,
      revision: event.revision,
    })),
  );

/** The history rows of a run: one per event, with the values it set. */
const recordHistory = async <Event extends ActionEvent>(
  db: Db,
  events: readonly Event[],
  valuesOf: (event: Event) => ChangedValues = () => ({}),
) => {
  await db
    .insertInto('training_history')
    .values(
      events.map((event) => ({
        event_id: event.id,
        organisation_id: event.metadata.organisationId,
        training_action_id: event.data.trainingActionId,
        session_id: 'sessionId' in event.data ? event.data.sessionId : null,
        change: event.type,
        title: null,
        category: null,
        certifying: null,
        starts_on: null,
        ends_on: null,
        site: null,
        reason: 'reason' in event.data ? event.data.reason : null,
        actor_id: event.metadata.actor.type === 'user' ? (event.metadata.actor.id ?? null) : null,
        occurred_at: event.metadata.occurredAt,
        position: event.position,
        ...valuesOf(event),
      })),
    )
    .execute();
};

/** The common part of every correction: the action's revision and the history. */
const corrected = async <Event extends ActionEvent>(
  db: Db,
  events: readonly Event[],
  valuesOf?: (event: Event) => ChangedValues,
) => {
  await followRevisions(db, events);
  await recordHistory(db, events, valuesOf);
};

/** Sets a flag on the sessions of a run. */
const flagSessions = (
  db: Db,
  events: readonly SessionEvent[],
  flag: 'cancelled' | 'archived',
  value: boolean,
) =>
  db
    .updateTable('training_sessions')
    .set({ [flag]: value })
    .where(
      'id',
      'in',
      events.map((event) => event.data.sessionId),
    )
    .execute();

export const trainingProjection = defineProjection<TrainingTables, TrainingEvent>({
  name: 'training',
  version: 3,
  tables: ['training_actions', 'training_sessions', 'training_counts', 'training_history'],
  async create(db) {
    await db.schema
      .createTable('training_actions')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('title', 'text', (column) => column.notNull())
      .addColumn('category', 'text', (column) => column.notNull())
      .addColumn('certifying', 'boolean', (column) => column.notNull())
      .addColumn('archived', 'boolean', (column) => column.notNull())
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
      .addColumn('cancelled', 'boolean', (column) => column.notNull())
      .addColumn('archived', 'boolean', (column) => column.notNull())
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
    await db.schema
      .createTable('training_history')
      .addColumn('event_id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('training_action_id', 'uuid', (column) => column.notNull())
      .addColumn('session_id', 'uuid')
      .addColumn('change', 'text', (column) => column.notNull())
      .addColumn('title', 'text')
      .addColumn('category', 'text')
      .addColumn('certifying', 'boolean')
      .addColumn('starts_on', 'date')
      .addColumn('ends_on', 'date')
      .addColumn('site', 'text')
      .addColumn('reason', 'text')
      .addColumn('actor_id', 'uuid')
      .addColumn('occurred_at', 'timestamptz', (column) => column.notNull())
      .addColumn('position', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('training_history_action_idx')
      .on('training_history')
      .columns(['training_action_id', 'position'])
      .execute();
    await db.schema
      .createIndex('training_history_session_idx')
      .on('training_history')
      .columns(['session_id', 'position'])
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
            archived: false,
            created_at: metadata.occurredAt,
            revision,
          })),
        )
        .execute();
      await recordHistory(db, events, (event) => {
        const { title, category, certifying } = event.data;
        return { title, category, certifying };
      });
      await bumpCounts(
        db,
        'actions',
        events.map((event) => event.metadata.organisationId),
      );
    },
    async TrainingActionRenamed(db, events) {
      const last = lastBy(events, (event) => event.data.trainingActionId);
      await updateRows(
        db,
        'training_actions',
        'id',
        last.map(({ data }) => ({ id: data.trainingActionId, title: data.title })),
      );
      await corrected(db, events, (event) => ({ title: event.data.title }));
    },
    async TrainingActionRecategorised(db, events) {
      const last = lastBy(events, (event) => event.data.trainingActionId);
      await updateRows(
        db,
        'training_actions',
        'id',
        last.map(({ data }) => ({
          id: data.trainingActionId,
          category: data.category,
          certifying: data.certifying,
        })),
      );
      await corrected(db, events, ({ data: { category, certifying } }) => ({ category, certifying }));
    },
    async TrainingActionArchived(db, events) {
      await db
        .updateTable('training_actions')
        .set({ archived: true })
        .where(
          'id',
          'in',
          events.map(({ data }) => data.trainingActionId),
        )
        .execute();
      await corrected(db, events);
    },
    async TrainingActionUnarchived(db, events) {
      await db
        .updateTable('training_actions')
        .set({ archived: false })
        .where(
          'id',
          'in',
          events.map(({ data }) => data.trainingActionId),
        )
        .execute();
      await corrected(db, events);
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
            cancelled: false,
            archived: false,
            created_at: metadata.occurredAt,
          })),
        )
        .execute();
      await corrected(db, events, (event) => {
        const { title, startsOn, endsOn, site } = event.data;
        return { title, starts_on: startsOn, ends_on: endsOn, site };
      });
      await bumpCounts(
        db,
        'sessions',
        events.map((event) => event.metadata.organisationId),
      );
    },
    async SessionRenamed(db, events) {
      const last = lastBy(events, (event) => event.data.sessionId);
      await updateRows(
        db,
        'training_sessions',
        'id',
        last.map(({ data }) => ({ id: data.sessionId, title: data.title })),
      );
      await corrected(db, events, (event) => ({ title: event.data.title }));
    },
    async SessionRescheduled(db, events) {
      const last = lastBy(events, (event) => event.data.sessionId);
      await updateRows(
        db,
        'training_sessions',
        'id',
        last.map(({ data }) => ({ id: data.sessionId, starts_on: data.startsOn, ends_on: data.endsOn })),
      );
      await corrected(db, events, ({ data }) => ({ starts_on: data.startsOn, ends_on: data.endsOn }));
    },
    async SessionMoved(db, events) {
      const last = lastBy(events, (event) => event.data.sessionId);
      await updateRows(
        db,
        'training_sessions',
        'id',
        last.map(({ data }) => ({ id: data.sessionId, site: data.site })),
      );
      await corrected(db, events, (event) => ({ site: event.data.site }));
    },
    async SessionCancelled(db, events) {
      await flagSessions(db, events, 'cancelled', true);
      await corrected(db, events);
      // The decider cancels a session once, so each event takes one session off the count.
      await bumpCounts(
        db,
        'sessions',
        events.map((event) => event.metadata.organisationId),
        -1,
      );
    },
    async SessionArchived(db, events) {
      await flagSessions(db, events, 'archived', true);
      await corrected(db, events);
    },
    async SessionUnarchived(db, events) {
      await flagSessions(db, events, 'archived', false);
      await corrected(db, events);
    },
  },
});
