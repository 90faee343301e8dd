import { type Insertable, type Kysely, sql } from 'kysely';
import type { EventMetadata } from '../../services/eventstore/types';
import { parisDate } from '../../services/kernel/paris-time';
import { ERASED } from '../../services/privacy/declarations';
import type { PersonalDataErased } from '../../services/privacy/events';
import type { WatchNoteEvent } from '../../services/watch/events';
import type { WatchImprovementEvent } from '../../services/watch/improvement';
import type { WatchSettingsEvent } from '../../services/watch/settings';
import { subjectIdsOf } from '../privacy';
import { insertRows } from '../runner/bulk';
import { defineProjection, type Recorded } from '../runner/projection';
import type { WatchTables } from './tables';

type WatchStepInsert = Insertable<WatchTables['watch_note_steps']>;

type Db = Kysely<WatchTables>;
type Event = WatchNoteEvent | WatchImprovementEvent | WatchSettingsEvent | PersonalDataErased;
type Of<Type extends WatchNoteEvent['type']> = Recorded<Extract<WatchNoteEvent, { type: Type }>>;

const userOf = (metadata: EventMetadata) =>
  metadata.actor.type === 'user' ? (metadata.actor.id ?? null) : null;

const emptyStep = {
  impact: null,
  channel: null,
  audience: null,
  step_on: null,
  text: null,
  decision: null,
  changes: null,
};

const addSteps = <E extends Of<WatchNoteEvent['type']>>(
  db: Db,
  events: readonly E[],
  stepOf: (event: E) => Partial<Omit<WatchStepInsert, 'at'>> & Pick<WatchStepInsert, 'step'>,
) =>
  insertRows(
    db,
    'watch_note_steps',
    events.map((event) => ({
      ...emptyStep,
      note_id: event.data.noteId,
      revision: event.revision,
      organisation_id: event.metadata.organisationId,
      by: userOf(event.metadata),
      at: event.metadata.occurredAt,
      ...stepOf(event),
    })),
  );

/**
 * The watch register: each note as it stands, its timeline, the improvement actions asked for from it, and each
 * organisation's delay. An erased member's free text (summaries, analyses, messages, requests) reads as erased.
 */
export const watchProjection = defineProjection<WatchTables, Event>({
  name: 'watch',
  version: 1,
  tables: ['watch_notes', 'watch_note_steps', 'watch_note_improvements', 'watch_settings'],
  async create(db) {
    await db.schema
      .createTable('watch_notes')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('theme', 'text', (column) => column.notNull())
      .addColumn('title', 'text', (column) => column.notNull())
      .addColumn('source_name', 'text', (column) => column.notNull())
      .addColumn('source_url', 'text')
      .addColumn('information_on', 'date', (column) => column.notNull())
      .addColumn('summary', 'text', (column) => column.notNull())
      .addColumn('summary_by', 'uuid')
      .addColumn('recorded_on', 'date', (column) => column.notNull())
      .addColumn('recorded_by', 'uuid')
      .addColumn('recorded_at', 'timestamptz', (column) => column.notNull())
      .addColumn('impact', 'text')
      .addColumn('analysis', 'text')
      .addColumn('decision', 'text')
      .addColumn('changes', 'text')
      .addColumn('analysed_on', 'date')
      .addColumn('analysed_by', 'uuid')
      .addColumn('communications', 'integer', (column) => column.notNull())
      .addColumn('last_communicated_on', 'date')
      .addColumn('archived', 'boolean', (column) => column.notNull())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('watch_notes_register_idx')
      .on('watch_notes')
      .columns(['organisation_id', 'recorded_on', 'id'])
      .execute();
    await db.schema
      .createTable('watch_note_steps')
      .addColumn('note_id', 'uuid', (column) => column.notNull())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('step', 'text', (column) => column.notNull())
      .addColumn('impact', 'text')
      .addColumn('channel', 'text')
      .addColumn('audience', 'jsonb')
      .addColumn('step_on', 'date')
      .addColumn('text', 'text')
      .addColumn('decision', 'text')
      .addColumn('changes', 'text')
      .addColumn('by', 'uuid')
      .addColumn('at', 'timestamptz', (column) => column.notNull())
      .addPrimaryKeyConstraint('watch_note_steps_pkey', ['note_id', 'revision'])
      .execute();
    await db.schema
      .createTable('watch_note_improvements')
      .addColumn('request_id', 'uuid', (column) => column.primaryKey())
      .addColumn('note_id', 'uuid', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('title', 'text', (column) => column.notNull())
      .addColumn('requested_by', 'uuid', (column) => column.notNull())
      .addColumn('requested_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('watch_note_improvements_note_idx')
      .on('watch_note_improvements')
      .columns(['note_id'])
      .execute();
    await db.schema
      .createTable('watch_settings')
      .addColumn('organisation_id', 'uuid', (column) => column.primaryKey())
      .addColumn('exploit_within_days', 'integer', (column) => column.notNull())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .execute();
  },
  handlers: {
    async WatchNoteRecorded(db, events) {
      await insertRows(
        db,
        'watch_notes',
        events.map(({ data, metadata, revision }) => ({
          id: data.noteId,
          organisation_id: metadata.organisationId,
          theme: data.theme,
          title: data.title,
          source_name: data.sourceName,
          source_url: data.sourceUrl,
          information_on: data.informationOn,
          summary: data.summary,
          summary_by: data.recordedBy,
          recorded_on: parisDate(new Date(metadata.occurredAt)),
          recorded_by: data.recordedBy,
          recorded_at: metadata.occurredAt,
          impact: null,
          analysis: null,
          decision: null,
          changes: null,
          analysed_on: null,
          analysed_by: null,
          communications: 0,
          last_communicated_on: null,
          archived: false,
          revision,
          updated_at: metadata.occurredAt,
        })),
      );
      await addSteps(db, events, (event) => ({
        step: 'recorded',
        step_on: event.data.informationOn,
        text: event.data.summary,
      }));
    },
    async WatchNoteEdited(db, events) {
      for (const { data, metadata, revision } of events) {
        await db
          .updateTable('watch_notes')
          .set({
            theme: data.theme,
            title: data.title,
            source_name: data.sourceName,
            source_url: data.sourceUrl,
            information_on: data.informationOn,
            summary: data.summary,
            summary_by: data.editedBy,
            revision,
            updated_at: metadata.occurredAt,
          })
          .where('id', '=', data.noteId)
          .execute();
      }
      await addSteps(db, events, (event) => ({
        step: 'edited',
        step_on: event.data.informationOn,
        text: event.data.summary,
      }));
    },
    async WatchNoteAnalysed(db, events) {
      for (const { data, metadata, revision } of events) {
        await db
          .updateTable('watch_notes')
          .set({
            impact: data.impact,
            analysis: data.analysis,
            decision: data.decision,
            changes: data.changes,
            analysed_on: sql<string>`coalesce(analysed_on, ${data.analysedOn}::date)`,
            analysed_by: data.analysedBy,
            revision,
            updated_at: metadata.occurredAt,
          })
          .where('id', '=', data.noteId)
          .execute();
      }
      await addSteps(db, events, ({ data }) => ({
        step: 'analysed',
        impact: data.impact,
        step_on: data.analysedOn,
        text: data.analysis,
        decision: data.decision,
        changes: data.changes,
      }));
    },
    async WatchNoteCommunicated(db, events) {
      for (const { data, metadata, revision } of events) {
        await db
          .updateTable('watch_notes')
          .set((eb) => ({
            communications: eb('communications', '+', 1),
            last_communicated_on: sql<string>`greatest(last_communicated_on, ${data.communicatedOn}::date)`,
            revision,
            updated_at: metadata.occurredAt,
          }))
          .where('id', '=', data.noteId)
          .execute();
      }
      await addSteps(db, events, ({ data }) => ({
        step: 'communicated',
        channel: data.channel,
        audience: data.audience,
        step_on: data.communicatedOn,
        text: data.message,
      }));
    },
    async WatchNoteArchived(db, events) {
      for (const { data, metadata, revision } of events) {
        await db
          .updateTable('watch_notes')
          .set({ archived: true, revision, updated_at: metadata.occurredAt })
          .where('id', '=', data.noteId)
          .execute();
      }
      await addSteps(db, events, () => ({ step: 'archived' }));
    },
    async WatchNoteImprovementRequested(db, events) {
      await insertRows(
        db,
        'watch_note_improvements',
        events.map(({ data, metadata }) => ({
          request_id: data.requestId,
          note_id: data.noteId,
          organisation_id: metadata.organisationId,
          title: data.title,
          requested_by: data.requestedBy,
          requested_at: metadata.occurredAt,
        })),
      );
    },
    async WatchSettingsSet(db, events) {
      for (const { data, metadata, revision } of events) {
        await db
          .insertInto('watch_settings')
          .values({
            organisation_id: metadata.organisationId,
            exploit_within_days: data.exploitWithinDays,
            revision,
          })
          .onConflict((oc) =>
            oc
              .column('organisation_id')
              .doUpdateSet({ exploit_within_days: data.exploitWithinDays, revision }),
          )
          .execute();
      }
    },
    async PersonalDataErased(db, events) {
      const ids = subjectIdsOf(events, 'user');
      if (ids.length === 0) return;
      const erased = sql<string>`${ERASED}::text`;
      const orErased = (column: string) =>
        sql<string>`CASE WHEN ${sql.ref(column)} IS NULL THEN NULL ELSE ${erased} END`;
      await db.updateTable('watch_notes').set({ summary: erased }).where('summary_by', 'in', ids).execute();
      await db
        .updateTable('watch_notes')
        .set({ analysis: orErased('analysis'), decision: orErased('decision'), changes: orErased('changes') })
        .where('analysed_by', 'in', ids)
        .execute();
      await db
        .updateTable('watch_note_steps')
        .set({ text: orErased('text'), decision: orErased('decision'), changes: orErased('changes') })
        .where('by', 'in', ids)
        .execute();
      await db
        .updateTable('watch_note_improvements')
        .set({ title: erased })
        .where('requested_by', 'in', ids)
        .execute();
    },
  },
});
