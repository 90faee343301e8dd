import { type Kysely, sql } from 'kysely';
import type {
  InvitationResent,
  InvitationSent,
  TeamMemberEnrolled,
  UserDeactivated,
  UserReactivated,
} from '../../services/access/events';
import { answerCommentsSubject, type CampaignAnswerSubmitted } from '../../services/campaign/answer-events';
import type {
  CampaignCancelled,
  CampaignClosed,
  CampaignMessageQueued,
  CampaignPlanned,
  CampaignRescheduled,
  CampaignRespondentAdded,
  CampaignRespondentRemoved,
} from '../../services/campaign/events';
import {
  type ComplaintClosed,
  type ComplaintRejected,
  type ComplaintReopened,
  complainantSubject,
} from '../../services/complaints/events';
import {
  type IncidentReopened,
  type IncidentResolved,
  incidentSubject,
} from '../../services/complaints/incident-events';
import type { PartnerContactCorrected, PartnerContactLogged } from '../../services/contact-log/events';
import type { FeedbackSubmitted } from '../../services/feedback/events';
import { startOfNextParisDay, startOfParisDay } from '../../services/kernel/paris-time';
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
  | CampaignPlanned
  | CampaignRescheduled
  | CampaignRespondentAdded
  | CampaignRespondentRemoved
  | CampaignMessageQueued
  | CampaignClosed
  | CampaignCancelled
  | CampaignAnswerSubmitted
  | ComplaintClosed
  | ComplaintRejected
  | ComplaintReopened
  | IncidentResolved
  | IncidentReopened
  | PersonalDataErased;

type Held = { subject_id: string; organisation_id: string; category: RetentionCategory; starts_at: string };

/**
 * Starts (or restarts, for a later fact) the retention period of subjects in a category, unless they are already
 * erased.
 */
const hold = async (db: Kysely<RetentionTables>, rows: readonly Held[]) => {
  if (rows.length === 0) return;
  const latest = lastBy(rows, (row) => `${row.subject_id}/${row.category}`);
  await db
    .insertInto('retention_subjects')
    .values(latest)
    .onConflict((conflict) =>
      conflict
        .columns(['subject_id', 'category'])
        .doUpdateSet((eb) => ({ starts_at: eb.ref('excluded.starts_at') })),
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

const holdComplainants = (
  db: Kysely<RetentionTables>,
  events: readonly Recorded<ComplaintClosed | ComplaintRejected>[],
) =>
  hold(
    db,
    events.map(({ data, metadata }) => ({
      subject_id: complainantSubject(data),
      organisation_id: metadata.organisationId,
      category: 'complaints' as const,
      starts_at: metadata.occurredAt,
    })),
  );

const respondentSubject = (respondentId: string) => subjectId('respondent', respondentId);

/**
 * Holds campaign respondents (those named, or all of some campaigns) from the end of their part in the campaign:
 * its closing, or their removal, or the last message queued to them if that came later.
 */
const holdRespondents = async (
  db: Kysely<RetentionTables>,
  of: { campaignIds: readonly string[] } | { respondentIds: readonly string[] },
) => {
  const ids = 'campaignIds' in of ? of.campaignIds : of.respondentIds;
  if (ids.length === 0) return;
  // greatest() leaves out a null (no message yet).
  const rows = await db
    .selectFrom('retention_respondents as r')
    .innerJoin('retention_campaigns as c', 'c.campaign_id', 'r.campaign_id')
    .select([
      'r.respondent_id',
      'r.organisation_id',
      sql<Date | string>`greatest(coalesce(r.removed_at, c.closes_at), r.last_message_at)`.as('starts_at'),
    ])
    .where('campaignIds' in of ? 'r.campaign_id' : 'r.respondent_id', 'in', [...new Set(ids)])
    .execute();
  await hold(
    db,
    rows.map((row) => ({
      subject_id: respondentSubject(row.respondent_id),
      organisation_id: row.organisation_id,
      category: 'campaign_respondents' as const,
      starts_at: new Date(row.starts_at).toISOString(),
    })),
  );
};

/** Moves campaigns' closing (to a new closing day, or to the instant they closed), then their respondents'. */
const closeCampaigns = async (
  db: Kysely<RetentionTables>,
  closings: { campaignId: string; at: string }[],
) => {
  const latest = lastBy(closings, (closing) => closing.campaignId);
  for (const { campaignId, at } of latest) {
    await db
      .updateTable('retention_campaigns')
      .set({ closes_at: at })
      .where('campaign_id', '=', campaignId)
      .execute();
  }
  await holdRespondents(db, { campaignIds: latest.map((closing) => closing.campaignId) });
};

/** Records a fact about respondents (a message, a removal), then moves the start of their period. */
const touchRespondents = async (
  db: Kysely<RetentionTables>,
  events: readonly Recorded<CampaignMessageQueued | CampaignRespondentRemoved>[],
  column: 'last_message_at' | 'removed_at',
) => {
  const latest = lastBy(events, (event) => event.data.respondentId);
  await db
    .insertInto('retention_respondents')
    .values(
      latest.map(({ data, metadata }) => ({
        respondent_id: data.respondentId,
        campaign_id: data.campaignId,
        organisation_id: metadata.organisationId,
        last_message_at: null,
        removed_at: null,
        [column]: metadata.occurredAt,
      })),
    )
    .onConflict((conflict) =>
      conflict.column('respondent_id').doUpdateSet((eb) => ({ [column]: eb.ref(`excluded.${column}`) })),
    )
    .execute();
  const ids = latest.map((event) => event.data.respondentId);
  // A respondent erased before this fact (their row gone) is not brought back.
  await db
    .deleteFrom('retention_respondents')
    .where('respondent_id', 'in', ids)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('retention_erased')
          .select('retention_erased.subject_id')
          .whereRef(
            'retention_erased.subject_id',
            '=',
            sql<string>`'respondent:' || retention_respondents.respondent_id`,
          ),
      ),
    )
    .execute();
  await holdRespondents(db, { respondentIds: ids });
};

/**
 * When each data subject's retention period started, for the subjects whose data is still held: an answer's
 * comment from its submission, a message's recipient from its queuing, an invitation's address from its last
 * sending, a member from their deactivation (a reactivation stops the clock), a logged contact from its date, a
 * campaign respondent from the campaign's closing (or their removal, or the last message to them, if later), a
 * campaign answer's free text from the answer's date, a complainant from their complaint's closing or rejection and
 * the people a difficulty or disruption speaks of from its resolution (a reopening stops both clocks: nothing is
 * erased by age while it is being handled). An erasure removes the subject.
 */
export const retentionProjection = defineProjection<RetentionTables, Event>({
  name: 'retention',
  version: 4,
  tables: [
    'retention_settings',
    'retention_subjects',
    'retention_erased',
    'retention_campaigns',
    'retention_respondents',
  ],
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
      .addColumn('subject_id', 'text', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('category', 'text', (column) => column.notNull())
      .addColumn('starts_at', 'timestamptz', (column) => column.notNull())
      .addPrimaryKeyConstraint('retention_subjects_pk', ['subject_id', 'category'])
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
    await db.schema
      .createTable('retention_campaigns')
      .addColumn('campaign_id', 'text', (column) => column.primaryKey())
      .addColumn('closes_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('retention_respondents')
      .addColumn('respondent_id', 'text', (column) => column.primaryKey())
      .addColumn('campaign_id', 'text', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('last_message_at', 'timestamptz')
      .addColumn('removed_at', 'timestamptz')
      .execute();
    await db.schema
      .createIndex('retention_respondents_campaign_idx')
      .on('retention_respondents')
      .column('campaign_id')
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
    // A campaign's respondents are held from its closing day's end until it closes; then from that instant.
    async CampaignPlanned(db, events) {
      await db
        .insertInto('retention_campaigns')
        .values(
          events.map(({ data }) => ({
            campaign_id: data.campaignId,
            closes_at: startOfNextParisDay(data.schedule.closesOn).toISOString(),
          })),
        )
        .onConflict((conflict) => conflict.column('campaign_id').doNothing())
        .execute();
    },
    async CampaignRescheduled(db, events) {
      await closeCampaigns(
        db,
        events.map(({ data }) => ({
          campaignId: data.campaignId,
          at: startOfNextParisDay(data.schedule.closesOn).toISOString(),
        })),
      );
    },
    async CampaignClosed(db, events) {
      await closeCampaigns(
        db,
        events.map(({ data, metadata }) => ({ campaignId: data.campaignId, at: metadata.occurredAt })),
      );
    },
    async CampaignCancelled(db, events) {
      await closeCampaigns(
        db,
        events.map(({ data, metadata }) => ({ campaignId: data.campaignId, at: metadata.occurredAt })),
      );
    },
    async CampaignRespondentAdded(db, events) {
      await db
        .insertInto('retention_respondents')
        .values(
          events.map(({ data, metadata }) => ({
            respondent_id: data.respondentId,
            campaign_id: data.campaignId,
            organisation_id: metadata.organisationId,
            last_message_at: null,
            removed_at: null,
          })),
        )
        .onConflict((conflict) => conflict.column('respondent_id').doNothing())
        .execute();
      await holdRespondents(db, { respondentIds: events.map(({ data }) => data.respondentId) });
    },
    // A removed respondent stays held (their name and address remain in the log), from their removal.
    CampaignRespondentRemoved: (db, events) => touchRespondents(db, events, 'removed_at'),
    CampaignMessageQueued: (db, events) => touchRespondents(db, events, 'last_message_at'),
    // Only answers with free text hold their subject (the respondent when named, else the answer); an anonymous
    // answer's time is its Paris day's midnight, so its period starts then.
    async CampaignAnswerSubmitted(db, events) {
      await hold(
        db,
        events
          .filter(({ data }) => typeof data.comments === 'object' && data.comments !== null)
          .map(({ data, metadata }) => ({
            subject_id: answerCommentsSubject(data),
            organisation_id: metadata.organisationId,
            category: 'feedback_comments' as const,
            starts_at: metadata.occurredAt,
          })),
      );
    },
    // A complaint's last word (its closing, or its rejection as unfounded) starts the complainant's period.
    async ComplaintClosed(db, events) {
      await holdComplainants(db, events);
    },
    async ComplaintRejected(db, events) {
      await holdComplainants(db, events);
    },
    async ComplaintReopened(db, events) {
      await release(
        db,
        events.map(({ data }) => complainantSubject(data)),
      );
    },
    async IncidentResolved(db, events) {
      await hold(
        db,
        events.map(({ data, metadata }) => ({
          subject_id: incidentSubject(data),
          organisation_id: metadata.organisationId,
          category: 'incidents' as const,
          starts_at: metadata.occurredAt,
        })),
      );
    },
    async IncidentReopened(db, events) {
      await release(
        db,
        events.map(({ data }) => incidentSubject(data)),
      );
    },
    async PersonalDataErased(db, events) {
      const subjects = [...new Set(events.map(({ data }) => data.subjectId))];
      const respondents = subjects.flatMap((subject) =>
        subject.startsWith('respondent:') ? [subject.slice('respondent:'.length)] : [],
      );
      if (respondents.length > 0) {
        await db.deleteFrom('retention_respondents').where('respondent_id', 'in', respondents).execute();
      }
      await db
        .insertInto('retention_erased')
        .values(subjects.map((subject) => ({ subject_id: subject })))
        .onConflict((conflict) => conflict.column('subject_id').doNothing())
        .execute();
      await release(db, subjects);
    },
  },
});
