import { type Kysely, sql } from 'kysely';
import {
  type ComplaintDeadlineSettings,
  DEFAULT_DEADLINE_SETTINGS,
  dueDates,
} from '../../services/complaints/deadlines';
import type { ComplaintEvent } from '../../services/complaints/events';
import type { ComplaintImprovementEvent } from '../../services/complaints/improvement';
import type { ComplaintPageEvent } from '../../services/complaints/public-page';
import type { ComplaintSettingsEvent } from '../../services/complaints/settings';
import type { EventMetadata } from '../../services/eventstore/types';
import { ERASED } from '../../services/privacy/declarations';
import type { PersonalDataErased } from '../../services/privacy/events';
import { subjectIdsOf } from '../privacy';
import { defineProjection, type Recorded } from '../runner/projection';
import type { ComplaintsTables } from './tables';

type Db = Kysely<ComplaintsTables>;
type Event =
  | ComplaintEvent
  | ComplaintSettingsEvent
  | ComplaintImprovementEvent
  | ComplaintPageEvent
  | PersonalDataErased;
type Of<Type extends ComplaintEvent['type']> = Recorded<Extract<ComplaintEvent, { type: Type }>>;

const userOf = (metadata: EventMetadata) =>
  metadata.actor.type === 'user' ? (metadata.actor.id ?? null) : null;

/** The organisation's deadlines as the register last saw them. */
export const settingsOf = async (db: Db, organisationId: string): Promise<ComplaintDeadlineSettings> => {
  const row = await db
    .selectFrom('complaint_settings')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row
    ? {
        acknowledgeWithinWorkingDays: row.acknowledge_within_working_days,
        answerWithinWorkingDays: row.answer_within_working_days,
        calendar: row.calendar,
      }
    : DEFAULT_DEADLINE_SETTINGS;
};

/** The next number of the organisation's complaints received that year. */
const nextNumber = async (db: Db, organisationId: string, year: number) => {
  const row = await db
    .insertInto('complaint_numbers')
    .values({ organisation_id: organisationId, year, last_number: 1 })
    .onConflict((oc) =>
      oc
        .columns(['organisation_id', 'year'])
        .doUpdateSet({ last_number: sql`complaint_numbers.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
};

/** A step as its timeline row: what every step shares, and its own fields. */
const addStep = (
  db: Db,
  event: Of<ComplaintEvent['type']>,
  fields: Partial<
    Pick<
      ComplaintsTables['complaint_steps'],
      'step_on' | 'text' | 'mediator' | 'sent_by_email' | 'outcome' | 'owner_id'
    >
  >,
) =>
  db
    .insertInto('complaint_steps')
    .values({
      complaint_id: event.data.complaintId,
      revision: event.revision,
      organisation_id: event.metadata.organisationId,
      step: event.type,
      step_on: null,
      text: null,
      mediator: null,
      sent_by_email: null,
      outcome: null,
      owner_id: null,
      actor_id: userOf(event.metadata),
      occurred_at: event.metadata.occurredAt,
      ...fields,
    })
    .execute();

/** Moves the register row on: its revision and last change always, and what the step changed. */
const update = (
  db: Db,
  event: Of<ComplaintEvent['type']>,
  // Columns of the register, as values or SQL over the row's own columns.
  set: Record<string, unknown>,
) =>
  db
    .updateTable('complaints')
    .set({ ...set, revision: event.revision, updated_at: event.metadata.occurredAt } as never)
    .where('id', '=', event.data.complaintId)
    .execute();

/** Applies events one by one: complaints are few, and a step reads what the previous one wrote. */
const each =
  <Type extends ComplaintEvent['type']>(apply: (db: Db, event: Of<Type>) => Promise<unknown>) =>
  async (db: Db, events: readonly Of<Type>[]) => {
    for (const event of events) await apply(db, event);
  };

const erased = sql<string>`${ERASED}::text`;
const scrub = (column: string) => sql`CASE WHEN ${sql.ref(column)} IS NULL THEN NULL ELSE ${erased} END`;

/**
 * The complaints register and each complaint's timeline. Due dates follow the organisation's settings (recomputed
 * when they change); whether a step is overdue depends on the day it is read, so the queries decide it.
 */
export const complaintsProjection = defineProjection<ComplaintsTables, Event>({
  name: 'complaints',
  version: 2,
  tables: [
    'complaints',
    'complaint_steps',
    'complaint_attachments',
    'complaint_page_addresses',
    'complaint_settings',
    'complaint_numbers',
    'complaint_improvement_requests',
  ],
  async create(db) {
    await db.schema
      .createTable('complaints')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('reference', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('channel', 'text', (column) => column.notNull())
      .addColumn('group', 'text', (column) => column.notNull())
      .addColumn('anonymous', 'boolean', (column) => column.notNull())
      .addColumn('complainant_name', 'text')
      .addColumn('complainant_email', 'text')
      .addColumn('complainant_phone', 'text')
      .addColumn('complainant_postal_address', 'text')
      .addColumn('text', 'text', (column) => column.notNull())
      .addColumn('training_action_id', 'uuid')
      .addColumn('training_title', 'text')
      .addColumn('session_id', 'uuid')
      .addColumn('session_title', 'text')
      .addColumn('site', 'text')
      .addColumn('received_on', 'date', (column) => column.notNull())
      .addColumn('owner_id', 'uuid')
      .addColumn('acknowledged_on', 'date')
      .addColumn('answered_on', 'date')
      .addColumn('closed_unanswered_on', 'date')
      .addColumn('acknowledge_by', 'date', (column) => column.notNull())
      .addColumn('answer_by', 'date', (column) => column.notNull())
      .addColumn('mediation_in_progress', 'boolean', (column) => column.notNull())
      .addColumn('outcome', 'text')
      .addColumn('erased', 'boolean', (column) => column.notNull())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('recorded_by', 'uuid')
      .addColumn('recorded_at', 'timestamptz', (column) => column.notNull())
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('complaints_register_idx')
      .on('complaints')
      .columns(['organisation_id', 'received_on', 'id'])
      .execute();
    await db.schema
      .createTable('complaint_steps')
      .addColumn('complaint_id', 'uuid', (column) => column.notNull())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('step', 'text', (column) => column.notNull())
      .addColumn('step_on', 'date')
      .addColumn('text', 'text')
      .addColumn('mediator', 'text')
      .addColumn('sent_by_email', 'boolean')
      .addColumn('outcome', 'text')
      .addColumn('owner_id', 'uuid')
      .addColumn('actor_id', 'uuid')
      .addColumn('occurred_at', 'timestamptz', (column) => column.notNull())
      .addPrimaryKeyConstraint('complaint_steps_pkey', ['complaint_id', 'revision'])
      .execute();
    await db.schema
      .createTable('complaint_settings')
      .addColumn('organisation_id', 'uuid', (column) => column.primaryKey())
      .addColumn('acknowledge_within_working_days', 'integer', (column) => column.notNull())
      .addColumn('answer_within_working_days', 'integer', (column) => column.notNull())
      .addColumn('calendar', 'text', (column) => column.notNull())
      .addColumn('revision', 'integer', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('complaint_improvement_requests')
      .addColumn('request_id', 'uuid', (column) => column.primaryKey())
      .addColumn('complaint_id', 'uuid', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('title', 'text', (column) => column.notNull())
      .addColumn('requested_by', 'uuid', (column) => column.notNull())
      .addColumn('requested_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('complaint_attachments')
      .addColumn('attachment_id', 'uuid', (column) => column.primaryKey())
      .addColumn('complaint_id', 'uuid', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('file_name', 'text', (column) => column.notNull())
      .addColumn('media_type', 'text', (column) => column.notNull())
      .addColumn('size_bytes', 'integer', (column) => column.notNull())
      .addColumn('received_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('complaint_attachments_complaint_idx')
      .on('complaint_attachments')
      .column('complaint_id')
      .execute();
    await db.schema
      .createTable('complaint_page_addresses')
      .addColumn('address_hash', 'text', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('generation', 'integer', (column) => column.notNull())
      .addColumn('replaced', 'boolean', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('complaint_numbers')
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('year', 'integer', (column) => column.notNull())
      .addColumn('last_number', 'integer', (column) => column.notNull())
      .addPrimaryKeyConstraint('complaint_numbers_pkey', ['organisation_id', 'year'])
      .execute();
  },
  handlers: {
    ComplaintReceived: each<'ComplaintReceived'>(async (db, event) => {
      const { data, metadata } = event;
      const organisationId = metadata.organisationId;
      const year = Number(data.receivedOn.slice(0, 4));
      const number = await nextNumber(db, organisationId, year);
      const due = dueDates(data.receivedOn, await settingsOf(db, organisationId));
      await db
        .insertInto('complaints')
        .values({
          id: data.complaintId,
          organisation_id: organisationId,
          reference: `R-${year}-${String(number).padStart(3, '0')}`,
          status: 'received',
          channel: data.channel,
          group: data.group,
          anonymous: data.anonymous,
          complainant_name: data.name,
          complainant_email: data.email,
          complainant_phone: data.phone,
          complainant_postal_address: data.postalAddress,
          text: data.text,
          training_action_id: data.about.trainingActionId,
          training_title: data.about.trainingTitle,
          session_id: data.about.sessionId,
          session_title: data.about.sessionTitle,
          site: data.about.site,
          received_on: data.receivedOn,
          owner_id: data.ownerId,
          acknowledged_on: null,
          answered_on: null,
          closed_unanswered_on: null,
          acknowledge_by: due.acknowledgeBy,
          answer_by: due.answerBy,
          mediation_in_progress: false,
          outcome: null,
          erased: data.text === ERASED,
          revision: event.revision,
          recorded_by: userOf(metadata),
          recorded_at: metadata.occurredAt,
          updated_at: metadata.occurredAt,
        })
        .execute();
      await addStep(db, event, { step_on: data.receivedOn, owner_id: data.ownerId });
      // Once the complainant is erased the list reads as one erased value: their files are gone with it.
      if (Array.isArray(data.attachments) && data.attachments.length > 0) {
        await db
          .insertInto('complaint_attachments')
          .values(
            data.attachments.map((attachment) => ({
              attachment_id: attachment.attachmentId,
              complaint_id: data.complaintId,
              organisation_id: organisationId,
              file_name: attachment.fileName,
              media_type: attachment.mediaType,
              size_bytes: attachment.sizeBytes,
              received_at: metadata.occurredAt,
            })),
          )
          .execute();
      }
    }),
    ComplaintAcknowledged: each<'ComplaintAcknowledged'>(async (db, event) => {
      const { data } = event;
      await update(db, event, {
        status: 'acknowledged',
        acknowledged_on: sql<string>`coalesce(acknowledged_on, ${data.acknowledgedOn}::date)`,
      });
      await addStep(db, event, {
        step_on: data.acknowledgedOn,
        text: data.message,
        sent_by_email: data.sentByEmail,
      });
    }),
    ComplaintAnalysed: each<'ComplaintAnalysed'>(async (db, event) => {
      await update(db, event, { status: 'under_analysis' });
      await addStep(db, event, { step_on: event.data.analysedOn, text: event.data.causes });
    }),
    ComplaintAnswered: each<'ComplaintAnswered'>(async (db, event) => {
      const { data } = event;
      await update(db, event, {
        status: 'answered',
        answered_on: sql<string>`coalesce(answered_on, ${data.answeredOn}::date)`,
      });
      await addStep(db, event, {
        step_on: data.answeredOn,
        text: data.answer,
        sent_by_email: data.sentByEmail,
      });
    }),
    ComplaintRejected: each<'ComplaintRejected'>(async (db, event) => {
      const { data } = event;
      await update(db, event, {
        status: 'rejected',
        answered_on: sql<string>`coalesce(answered_on, ${data.rejectedOn}::date)`,
      });
      await addStep(db, event, {
        step_on: data.rejectedOn,
        text: data.reasons,
        sent_by_email: data.sentByEmail,
      });
    }),
    ComplaintMediationStarted: each<'ComplaintMediationStarted'>(async (db, event) => {
      await update(db, event, { mediation_in_progress: true });
      await addStep(db, event, {
        step_on: event.data.startedOn,
        text: event.data.reason,
        mediator: event.data.mediator,
      });
    }),
    ComplaintMediationEnded: each<'ComplaintMediationEnded'>(async (db, event) => {
      await update(db, event, { mediation_in_progress: false });
      await addStep(db, event, { step_on: event.data.endedOn, text: event.data.result });
    }),
    ComplaintReassigned: each<'ComplaintReassigned'>(async (db, event) => {
      await update(db, event, { owner_id: event.data.ownerId });
      await addStep(db, event, { owner_id: event.data.ownerId });
    }),
    ComplaintClosed: each<'ComplaintClosed'>(async (db, event) => {
      const { data } = event;
      await update(db, event, {
        status: 'closed',
        outcome: data.outcome,
        closed_unanswered_on: sql<string>`CASE WHEN answered_on IS NULL THEN ${data.closedOn}::date ELSE NULL END`,
      });
      await addStep(db, event, { step_on: data.closedOn, text: data.note, outcome: data.outcome });
    }),
    ComplaintReopened: each<'ComplaintReopened'>(async (db, event) => {
      await update(db, event, {
        status: sql<string>`CASE WHEN acknowledged_on IS NULL THEN 'received' ELSE 'acknowledged' END`,
        outcome: null,
        closed_unanswered_on: null,
      });
      await addStep(db, event, { step_on: event.data.reopenedOn, text: event.data.reason });
    }),
    async ComplaintDeadlinesSet(db, events) {
      for (const { data, metadata, revision } of events) {
        const organisationId = metadata.organisationId;
        await db
          .insertInto('complaint_settings')
          .values({
            organisation_id: organisationId,
            acknowledge_within_working_days: data.acknowledgeWithinWorkingDays,
            answer_within_working_days: data.answerWithinWorkingDays,
            calendar: data.calendar,
            revision,
          })
          .onConflict((oc) =>
            oc.column('organisation_id').doUpdateSet({
              acknowledge_within_working_days: data.acknowledgeWithinWorkingDays,
              answer_within_working_days: data.answerWithinWorkingDays,
              calendar: data.calendar,
              revision,
            }),
          )
          .execute();
        // Due dates follow the settings in force: the register is read against today's rules.
        const received = await db
          .selectFrom('complaints')
          .select('received_on')
          .distinct()
          .where('organisation_id', '=', organisationId)
          .execute();
        for (const { received_on } of received) {
          const due = dueDates(received_on, data);
          await db
            .updateTable('complaints')
            .set({ acknowledge_by: due.acknowledgeBy, answer_by: due.answerBy })
            .where('organisation_id', '=', organisationId)
            .where('received_on', '=', received_on)
            .execute();
        }
      }
    },
    async ComplaintImprovementRequested(db, events) {
      for (const { data, metadata } of events) {
        await db
          .insertInto('complaint_improvement_requests')
          .values({
            request_id: data.requestId,
            complaint_id: data.complaintId,
            organisation_id: metadata.organisationId,
            title: data.title,
            requested_by: data.requestedBy,
            requested_at: metadata.occurredAt,
          })
          .execute();
      }
    },
    async ComplaintPageAddressIssued(db, events) {
      for (const { data, metadata } of events) {
        await db
          .updateTable('complaint_page_addresses')
          .set({ replaced: true })
          .where('organisation_id', '=', metadata.organisationId)
          .execute();
        await db
          .insertInto('complaint_page_addresses')
          .values({
            address_hash: data.addressHash,
            organisation_id: metadata.organisationId,
            generation: data.generation,
            replaced: false,
          })
          .onConflict((oc) => oc.column('address_hash').doNothing())
          .execute();
      }
    },
    async PersonalDataErased(db, events) {
      const ids = subjectIdsOf(events, 'complainant');
      if (ids.length === 0) return;
      await db.deleteFrom('complaint_attachments').where('complaint_id', 'in', ids).execute();
      await db
        .updateTable('complaints')
        .set({
          complainant_name: scrub('complainant_name'),
          complainant_email: scrub('complainant_email'),
          complainant_phone: scrub('complainant_phone'),
          complainant_postal_address: scrub('complainant_postal_address'),
          text: erased,
          erased: true,
        } as never)
        .where('id', 'in', ids)
        .execute();
      await db
        .updateTable('complaint_steps')
        .set({ text: scrub('text'), mediator: scrub('mediator') } as never)
        .where('complaint_id', 'in', ids)
        .execute();
      await db
        .updateTable('complaint_improvement_requests')
        .set({ title: erased } as never)
        .where('complaint_id', 'in', ids)
        .execute();
    },
  },
});
