import type { Kysely } from 'kysely';
import type {
  InvitationResent,
  InvitationSent,
  TeamMemberEnrolled,
  UserDeactivated,
  UserReactivated,
} from '../../services/access/events';
import type { PartnerContactCorrected, PartnerContactLogged } from '../../services/contact-log/events';
import type { FeedbackSubmitted } from '../../services/feedback/events';
import { startOfParisDay } from '../../services/kernel/paris-time';
import type { MailQueued } from '../../services/mail/events';
import { ERASED, subjectId } from '../../services/privacy/declarations';
import type { PersonalDataErased } from '../../services/privacy/events';
import type { RetentionCategory, RetentionEvent } from '../../services/retention/events';
import { lastBy } from '../grouping';
import { defineProjection, type Recorded } from '../runner/projection';
import type { RetentionTables } from './tables';

type Event =
  | RetentionEvent
  | FeedbackSubmitted
  | MailQueued
  | InvitationSent
  | InvitationResent
  | TeamMemberEnrolled
  | UserDeactivated
  | UserReactivated
  | PartnerContactLogged
  | PartnerContactCorrected
  | PersonalDataErased;

type Held = { subject_id: string; organisation_id: string; category: RetentionCategory; starts_at: string };

/** Starts (or restarts, for a later fact) the retention period of subjects, unless they are already erased. */
const hold = async (db: Kysely<RetentionTables>, rows: readonly Held[]) => {
  if (rows.length === 0) return;
  const latest = lastBy(rows, (row) => row.subject_id);
  await db
    .insertInto('retention_subjects')
    .values(latest)
    .onConflict((conflict) =>
      conflict.column('subject_id').doUpdateSet((eb) => ({ starts_at: eb.ref('excluded.starts_at') })),
    )
    .execute();
  await db
    .deleteFrom('retention_subjects')
    .where(
      'subject_id',
      'in',
      latest.map((row) => row.subject_id),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('retention_erased')
          .select('retention_erased.subject_id')
          .whereRef('retention_erased.subject_id', '=', 'retention_subjects.subject_id'),
      ),
    )
    .execute();
};

const release = (db: Kysely<RetentionTables>, subjects: readonly string[]) =>
  subjects.length === 0
    ? Promise.resolve()
    : db.deleteFrom('retention_subjects').where('subject_id', 'in', subjects).execute();

const holdContacts = (
  db: Kysely<RetentionTables>,
  events: readonly Recorded<PartnerContactLogged | PartnerContactCorrected>[],
) =>
  hold(
    db,
    events.map(({ data, metadata }) => ({
      subject_id: subjectId('contact', data.contactId),
      organisation_id: metadata.organisationId,
      category: 'contact_logs' as const,
      starts_at: startOfParisDay(data.contactOn).toISOString(),
    })),
  );

/**
 * When each data subject's retention period started, for the subjects whose data is still held: an answer's
 * comment from its submission, a message's recipient from its queuing, an invitation's address from its last
 * sending, a member from their deactivation (a reactivation stops the clock), a logged contact from its date.
 * An erasure removes the subject.
 */
export const retentionProjection = defineProjection<RetentionTables, Event>({
  name: 'retention',
  version: 2,
  tables: ['retention_settings', 'retention_subjects', 'retention_erased'],
  async create(db) {
    await db.schema
      .createTable('retention_settings')
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('category', 'text', (column) => column.notNull())
      .addColumn('months', 'integer', (column) => column.notNull())
      .addColumn('revision', 'integer', (column) => column.notNull())
      .addPrimaryKeyConstraint('retention_settings_pk', ['organisation_id', 'category'])
      .execute();
    await db.schema
      .createTable('retention_subjects')
      .addColumn('subject_id', 'text', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('category', 'text', (column) => column.notNull())
      .addColumn('starts_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('retention_subjects_organisation_idx')
      .on('retention_subjects')
      .columns(['organisation_id', 'category', 'starts_at'])
      .execute();
    await db.schema
      .createTable('retention_erased')
      .addColumn('subject_id', 'text', (column) => column.primaryKey())
      .execute();
  },
  handlers: {
    async RetentionPeriodSet(db, events) {
      const latest = lastBy(events, (event) => `${event.metadata.organisationId}/${event.data.category}`);
      await db
        .insertInto('retention_settings')
        .values(
          latest.map(({ data, metadata, revision }) => ({
            organisation_id: metadata.organisationId,
            category: data.category,
            months: data.months,
            revision,
          })),
        )
        .onConflict((conflict) =>
          conflict.columns(['organisation_id', 'category']).doUpdateSet((eb) => ({
            months: eb.ref('excluded.months'),
            revision: eb.ref('excluded.revision'),
          })),
        )
        .execute();
    },
    async FeedbackSubmitted(db, events) {
      await hold(
        db,
        events
          .filter(({ data }) => data.comment !== null && data.comment !== ERASED)
          .map(({ data, metadata }) => ({
            subject_id: subjectId('respondent', data.responseId),
            organisation_id: metadata.organisationId,
            category: 'feedback_comments' as const,
            starts_at: metadata.occurredAt,
          })),
      );
    },
    async MailQueued(db, events) {
      await hold(
        db,
        events.map(({ data, metadata }) => ({
          subject_id: subjectId('contact', data.messageId),
          organisation_id: metadata.organisationId,
          category: 'contact_logs' as const,
          starts_at: metadata.occurredAt,
        })),
      );
    },
    async InvitationSent(db, events) {
      await hold(
        db,
        events.map(({ data, metadata }) => ({
          subject_id: subjectId('contact', data.invitationId),
          organisation_id: metadata.organisationId,
          category: 'contact_logs' as const,
          starts_at: metadata.occurredAt,
        })),
      );
    },
    // A new link to the same address: its period starts again from the last sending.
    async InvitationResent(db, events) {
      await hold(
        db,
        events.map(({ data, metadata }) => ({
          subject_id: subjectId('contact', data.invitationId),
          organisation_id: metadata.organisationId,
          category: 'contact_logs' as const,
          starts_at: metadata.occurredAt,
        })),
      );
    },
    // A member brought onto the team stream already inactive: their period starts then (the deactivation's date
    // is not known), never earlier.
    async TeamMemberEnrolled(db, events) {
      await hold(
        db,
        events
          .filter(({ data }) => !data.active)
          .map(({ data, metadata }) => ({
            subject_id: subjectId('user', data.userId),
            organisation_id: metadata.organisationId,
            category: 'departed_accounts' as const,
            starts_at: metadata.occurredAt,
          })),
      );
    },
    async UserDeactivated(db, events) {
      await hold(
        db,
        events.map(({ data, metadata }) => ({
          subject_id: subjectId('user', data.userId),
          organisation_id: metadata.organisationId,
          category: 'departed_accounts' as const,
          starts_at: metadata.occurredAt,
        })),
      );
    },
    async UserReactivated(db, events) {
      await release(
        db,
        events.map(({ data }) => subjectId('user', data.userId)),
      );
    },
    // A contact with a funder or a company: from the day it took place; a corrected date moves the start.
    PartnerContactLogged: holdContacts,
    PartnerContactCorrected: holdContacts,
    async PersonalDataErased(db, events) {
      const subjects = [...new Set(events.map(({ data }) => data.subjectId))];
      await db
        .insertInto('retention_erased')
        .values(subjects.map((subject) => ({ subject_id: subject })))
        .onConflict((conflict) => conflict.column('subject_id').doNothing())
        .execute();
      await release(db, subjects);
    },
  },
});
