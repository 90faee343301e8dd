import { type Insertable, type Kysely, sql } from 'kysely';
import type { IncidentEvent } from '../../services/complaints/incident-events';
import type { EventMetadata } from '../../services/eventstore/types';
import { parisDate } from '../../services/kernel/paris-time';
import { ERASED } from '../../services/privacy/declarations';
import type { PersonalDataErased } from '../../services/privacy/events';
import { lastBy } from '../grouping';
import { subjectIdsOf } from '../privacy';
import { insertRows, updateRows } from '../runner/bulk';
import { defineProjection, type Recorded } from '../runner/projection';
import type { IncidentStepKind, IncidentTables } from './tables';

type Db = Kysely<IncidentTables>;
type Event = IncidentEvent | PersonalDataErased;
type Of<Type extends IncidentEvent['type']> = Recorded<Extract<IncidentEvent, { type: Type }>>;

const userOf = (metadata: EventMetadata) =>
  metadata.actor.type === 'user' ? (metadata.actor.id ?? null) : null;

interface Step {
  step: IncidentStepKind;
  on: string;
  text: string | null;
  followUpId?: string;
}

const recordSteps = <E extends Of<IncidentEvent['type']>>(
  db: Db,
  events: readonly E[],
  stepOf: (event: E) => Step,
) =>
  insertRows(
    db,
    'incident_steps',
    events.map((event) => {
      const step = stepOf(event);
      return {
        incident_id: event.data.incidentId,
        revision: event.revision,
        organisation_id: event.metadata.organisationId,
        step: step.step,
        step_on: step.on,
        text: step.text,
        follow_up_id: step.followUpId ?? null,
        changed_by: userOf(event.metadata),
        changed_at: event.metadata.occurredAt,
      };
    }),
  );

/** Moves each record to its last step's status, revision and time. */
const touch = <E extends Of<IncidentEvent['type']>>(
  db: Db,
  events: readonly E[],
  changes: (event: E) => Partial<Insertable<IncidentTables['incidents']>>,
) =>
  updateRows(
    db,
    'incidents',
    'id',
    lastBy(events, (event) => event.data.incidentId).map((event) => ({
      id: event.data.incidentId,
      ...changes(event),
      revision: event.revision,
      updated_at: event.metadata.occurredAt,
    })),
  );

/**
 * The register of difficulties and disruptions, and each one's steps. An erasure of a record's subject scrubs
 * its description and every step's text.
 */
export const incidentsProjection = defineProjection<IncidentTables, Event>({
  name: 'incidents',
  version: 1,
  tables: ['incidents', 'incident_steps'],
  async create(db) {
    await db.schema
      .createTable('incidents')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('category', 'text', (column) => column.notNull())
      .addColumn('severity', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('occurred_on', 'date', (column) => column.notNull())
      .addColumn('description', 'text', (column) => column.notNull())
      .addColumn('site', 'text')
      .addColumn('session_id', 'uuid')
      .addColumn('training_action_id', 'uuid')
      .addColumn('training_title', 'text')
      .addColumn('session_title', 'text')
      .addColumn('measures', 'integer', (column) => column.notNull())
      .addColumn('resolved_on', 'date')
      .addColumn('resolution', 'text')
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('recorded_by', 'uuid')
      .addColumn('recorded_at', 'timestamptz', (column) => column.notNull())
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('incidents_list_idx')
      .on('incidents')
      .columns(['organisation_id', 'occurred_on', 'id'])
      .execute();
    await db.schema
      .createTable('incident_steps')
      .addColumn('incident_id', 'uuid', (column) => column.notNull())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('step', 'text', (column) => column.notNull())
      .addColumn('step_on', 'date', (column) => column.notNull())
      .addColumn('text', 'text')
      .addColumn('follow_up_id', 'uuid')
      .addColumn('changed_by', 'uuid')
      .addColumn('changed_at', 'timestamptz', (column) => column.notNull())
      .addPrimaryKeyConstraint('incident_steps_pkey', ['incident_id', 'revision'])
      .execute();
  },
  handlers: {
    async IncidentRecorded(db, events) {
      await insertRows(
        db,
        'incidents',
        events.map(({ data, metadata, revision }) => ({
          id: data.incidentId,
          organisation_id: metadata.organisationId,
          kind: data.kind,
          category: data.category,
          severity: data.severity,
          status: 'open' as const,
          occurred_on: data.occurredOn,
          description: data.description,
          site: data.site,
          session_id: data.session?.sessionId ?? null,
          training_action_id: data.session?.trainingActionId ?? null,
          training_title: data.session?.trainingTitle ?? null,
          session_title: data.session?.sessionTitle ?? null,
          measures: 0,
          resolved_on: null,
          resolution: null,
          revision,
          recorded_by: userOf(metadata),
          recorded_at: metadata.occurredAt,
          updated_at: metadata.occurredAt,
        })),
      );
      await recordSteps(db, events, ({ data }) => ({ step: 'recorded', on: data.occurredOn, text: null }));
    },
    async IncidentMeasureTaken(db, events) {
      await recordSteps(db, events, ({ data }) => ({
        step: 'measure',
        on: data.takenOn,
        text: data.measure,
      }));
      await touch(db, events, () => ({}));
      const ids = [...new Set(events.map((event) => event.data.incidentId))];
      await db
        .updateTable('incidents')
        .set({
          measures: sql`(SELECT count(*) FROM incident_steps s
            WHERE s.incident_id = incidents.id AND s.step = 'measure')::int`,
        })
        .where('id', 'in', ids)
        .execute();
    },
    async IncidentResolved(db, events) {
      await recordSteps(db, events, ({ data }) => ({
        step: 'resolved',
        on: data.resolvedOn,
        text: data.resolution,
      }));
      await touch(db, events, ({ data }) => ({
        status: 'resolved',
        resolved_on: data.resolvedOn,
        resolution: data.resolution,
      }));
    },
    async IncidentReopened(db, events) {
      await recordSteps(db, events, ({ data }) => ({
        step: 'reopened',
        on: data.reopenedOn,
        text: data.reason,
      }));
      await touch(db, events, () => ({ status: 'open', resolved_on: null, resolution: null }));
    },
    async IncidentImprovementRequested(db, events) {
      await recordSteps(db, events, ({ data, metadata }) => ({
        step: 'improvement_requested',
        on: parisDate(new Date(metadata.occurredAt)),
        text: data.title,
        followUpId: data.followUpId,
      }));
      await touch(db, events, () => ({}));
    },
    async PersonalDataErased(db, events) {
      const ids = subjectIdsOf(events, 'learner');
      if (ids.length === 0) return;
      // Learners of campaigns are `learner` subjects too: their ids match no record here.
      const erased = sql<string>`${ERASED}::text`;
      await db
        .updateTable('incidents')
        .set({
          description: erased,
          resolution: sql`CASE WHEN resolution IS NULL THEN NULL ELSE ${erased} END`,
        })
        .where('id', 'in', ids)
        .execute();
      await db
        .updateTable('incident_steps')
        .set({ text: sql`CASE WHEN text IS NULL THEN NULL ELSE ${erased} END` })
        .where('incident_id', 'in', ids)
        .execute();
    },
  },
});
