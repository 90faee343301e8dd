import type { Kysely } from 'kysely';
import type { CampaignAnswerSubmitted } from '../../services/campaign/answer-events';
import type { CampaignEvent } from '../../services/campaign/events';
import { ERASED } from '../../services/privacy/declarations';
import type { PersonalDataErased } from '../../services/privacy/events';
import { lastBy, sumBy } from '../grouping';
import { subjectIdsOf } from '../privacy';
import { insertRows, updateRows } from '../runner/bulk';
import type { Recorded } from '../runner/projection';
import { defineProjection } from '../runner/projection';
import type { CampaignTables } from './tables';

type Db = Kysely<CampaignTables>;
type Event = CampaignEvent | CampaignAnswerSubmitted | PersonalDataErased;
type Of<Type extends Event['type']> = Recorded<Extract<Event, { type: Type }>>;
type Counter = 'respondents' | 'invited' | 'answered' | 'opted_out' | 'answers';

/** Adds to the campaigns' counters (a negative amount takes away): one upsert for a run. */
const bump = async (db: Db, column: Counter, campaignIds: readonly string[], amount = 1) => {
  if (campaignIds.length === 0) return;
  const rows = sumBy(
    campaignIds,
    (id) => id,
    () => amount,
  ).map(([campaign_id, count]) => ({
    campaign_id,
    respondents: 0,
    invited: 0,
    answered: 0,
    opted_out: 0,
    answers: 0,
    [column]: count,
  }));
  await db
    .insertInto('campaign_counts')
    .values(rows)
    .onConflict((conflict) =>
      conflict.column('campaign_id').doUpdateSet((eb) => ({
        [column]: eb(`campaign_counts.${column}`, '+', eb.ref(`excluded.${column}`)),
      })),
    )
    .execute();
};

/** Every campaign event moves its campaign's revision (for If-Match): one UPDATE per run. */
const followRevisions = (db: Db, events: readonly Recorded<CampaignEvent>[]) =>
  updateRows(
    db,
    'campaigns',
    'id',
    lastBy(events, (event) => event.data.campaignId).map((event) => ({
      id: event.data.campaignId,
      revision: event.revision,
    })),
  );

/** Sets respondents' flags from the last event of each in the run. */
const updateRespondents = (
  db: Db,
  events: readonly Recorded<CampaignEvent & { data: { respondentId: string } }>[],
  values: (event: Recorded<CampaignEvent & { data: { respondentId: string } }>) => Record<string, unknown>,
) =>
  updateRows(
    db,
    'campaign_respondents',
    'id',
    lastBy(events, (event) => event.data.respondentId).map((event) => ({
      id: event.data.respondentId,
      ...values(event),
    })),
  );

/** A campaign's status and revision from its last closing or cancelling event in the run: one UPDATE. */
const setStatus = (
  db: Db,
  events: readonly Of<'CampaignClosed' | 'CampaignCancelled'>[],
  status: 'closed' | 'cancelled',
) =>
  updateRows(
    db,
    'campaigns',
    'id',
    lastBy(events, (event) => event.data.campaignId).map(({ data, revision }) => ({
      id: data.campaignId,
      status,
      revision,
    })),
  );

export const campaignsProjection = defineProjection<CampaignTables, Event>({
  name: 'campaigns',
  version: 2,
  tables: ['campaigns', 'campaign_counts', 'campaign_respondents', 'campaign_shared_links'],
  async create(db) {
    await db.schema
      .createTable('campaigns')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('audience', 'text', (column) => column.notNull())
      .addColumn('questionnaire_id', 'uuid', (column) => column.notNull())
      .addColumn('questionnaire_version', 'integer', (column) => column.notNull())
      .addColumn('target_kind', 'text', (column) => column.notNull())
      .addColumn('session_id', 'uuid')
      .addColumn('training_action_id', 'uuid')
      .addColumn('target_label', 'text', (column) => column.notNull())
      .addColumn('period_from', 'date')
      .addColumn('period_to', 'date')
      .addColumn('send_on', 'date', (column) => column.notNull())
      .addColumn('closes_on', 'date', (column) => column.notNull())
      .addColumn('reminders', 'integer', (column) => column.notNull())
      .addColumn('reminder_gap_days', 'integer', (column) => column.notNull())
      .addColumn('anonymous', 'boolean', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('campaigns_organisation_idx')
      .on('campaigns')
      .columns(['organisation_id', 'send_on'])
      .execute();
    await db.schema.createIndex('campaigns_session_idx').on('campaigns').column('session_id').execute();
    await db.schema
      .createTable('campaign_counts')
      .addColumn('campaign_id', 'uuid', (column) => column.primaryKey())
      .addColumn('respondents', 'integer', (column) => column.notNull())
      .addColumn('invited', 'integer', (column) => column.notNull())
      .addColumn('answered', 'integer', (column) => column.notNull())
      .addColumn('opted_out', 'integer', (column) => column.notNull())
      .addColumn('answers', 'integer', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('campaign_shared_links')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('campaign_id', 'uuid', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('label', 'text', (column) => column.notNull())
      .addColumn('open', 'boolean', (column) => column.notNull())
      .addColumn('answers', 'integer', (column) => column.notNull())
      .addColumn('opened_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('campaign_shared_links_campaign_idx')
      .on('campaign_shared_links')
      .columns(['campaign_id', 'opened_at'])
      .execute();
    await db.schema
      .createTable('campaign_respondents')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('campaign_id', 'uuid', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('email', 'text', (column) => column.notNull())
      .addColumn('first_name', 'text')
      .addColumn('last_name', 'text', (column) => column.notNull())
      .addColumn('source', 'text', (column) => column.notNull())
      .addColumn('removed', 'boolean', (column) => column.notNull())
      .addColumn('messages', 'integer', (column) => column.notNull())
      .addColumn('last_message_at', 'timestamptz')
      .addColumn('answered', 'boolean', (column) => column.notNull())
      .addColumn('opted_out', 'boolean', (column) => column.notNull())
      .addColumn('added_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('campaign_respondents_campaign_idx')
      .on('campaign_respondents')
      .columns(['campaign_id', 'added_at'])
      .execute();
  },
  handlers: {
    async CampaignPlanned(db, events) {
      await insertRows(
        db,
        'campaigns',
        events.map(({ data, metadata, revision }) => ({
          id: data.campaignId,
          organisation_id: metadata.organisationId,
          audience: data.audience,
          questionnaire_id: data.questionnaireId,
          questionnaire_version: data.questionnaireVersion,
          target_kind: data.target.kind,
          session_id: data.target.kind === 'session' ? data.target.sessionId : null,
          training_action_id: data.target.kind === 'session' ? data.target.trainingActionId : null,
          target_label: data.target.kind === 'session' ? data.target.sessionTitle : data.target.label,
          period_from: data.target.kind === 'period' ? data.target.from : null,
          period_to: data.target.kind === 'period' ? data.target.to : null,
          send_on: data.schedule.sendOn,
          closes_on: data.schedule.closesOn,
          reminders: data.schedule.reminders,
          reminder_gap_days: data.schedule.reminderGapDays,
          anonymous: data.anonymous,
          status: 'planned' as const,
          revision,
          created_at: metadata.occurredAt,
        })),
      );
      await insertRows(
        db,
        'campaign_counts',
        events.map(({ data }) => ({
          campaign_id: data.campaignId,
          respondents: 0,
          invited: 0,
          answered: 0,
          opted_out: 0,
          answers: 0,
        })),
      );
    },
    async CampaignRescheduled(db, events) {
      await updateRows(
        db,
        'campaigns',
        'id',
        lastBy(events, (event) => event.data.campaignId).map(({ data, revision }) => ({
          id: data.campaignId,
          send_on: data.schedule.sendOn,
          closes_on: data.schedule.closesOn,
          reminders: data.schedule.reminders,
          reminder_gap_days: data.schedule.reminderGapDays,
          revision,
        })),
      );
    },
    async CampaignRespondentAdded(db, events) {
      await insertRows(
        db,
        'campaign_respondents',
        events.map(({ data, metadata }) => ({
          id: data.respondentId,
          campaign_id: data.campaignId,
          organisation_id: metadata.organisationId,
          email: data.email,
          first_name: data.firstName,
          last_name: data.lastName,
          source: data.source,
          removed: false,
          messages: 0,
          last_message_at: null,
          answered: false,
          opted_out: false,
          added_at: metadata.occurredAt,
        })),
      );
      await bump(
        db,
        'respondents',
        events.map((event) => event.data.campaignId),
      );
      await followRevisions(db, events);
    },
    async CampaignRespondentRemoved(db, events) {
      await updateRespondents(db, events, () => ({ removed: true }));
      await bump(
        db,
        'respondents',
        events.map((event) => event.data.campaignId),
        -1,
      );
      await followRevisions(db, events);
    },
    async CampaignMessageQueued(db, events) {
      await updateRespondents(db, events, (event) => ({
        messages: (event as Of<'CampaignMessageQueued'>).data.reminder + 1,
        last_message_at: event.metadata.occurredAt,
      }));
      await bump(
        db,
        'invited',
        events.filter((event) => event.data.reminder === 0).map((event) => event.data.campaignId),
      );
      await followRevisions(db, events);
    },
    async CampaignRespondentAnswered(db, events) {
      await updateRespondents(db, events, () => ({ answered: true }));
      await bump(
        db,
        'answered',
        events.map((event) => event.data.campaignId),
      );
      await followRevisions(db, events);
    },
    async CampaignRespondentOptedOut(db, events) {
      await updateRespondents(db, events, () => ({ opted_out: true }));
      await bump(
        db,
        'opted_out',
        events.map((event) => event.data.campaignId),
      );
      await followRevisions(db, events);
    },
    async CampaignSharedLinkOpened(db, events) {
      await insertRows(
        db,
        'campaign_shared_links',
        events.map(({ data, metadata }) => ({
          id: data.linkId,
          campaign_id: data.campaignId,
          organisation_id: metadata.organisationId,
          label: data.label,
          open: true,
          answers: 0,
          opened_at: metadata.occurredAt,
        })),
      );
      await followRevisions(db, events);
    },
    async CampaignSharedLinkClosed(db, events) {
      await updateRows(
        db,
        'campaign_shared_links',
        'id',
        events.map(({ data }) => ({ id: data.linkId, open: false })),
      );
      await followRevisions(db, events);
    },
    async CampaignAnswerSubmitted(db, events) {
      await bump(
        db,
        'answers',
        events.map((event) => event.data.campaignId),
      );
      const byLink = sumBy(
        events.filter((event) => event.data.sharedLinkId !== null),
        (event) => event.data.sharedLinkId as string,
        () => 1,
      );
      for (const [linkId, count] of byLink) {
        await db
          .updateTable('campaign_shared_links')
          .set((eb) => ({ answers: eb('answers', '+', count) }))
          .where('id', '=', linkId)
          .execute();
      }
    },
    CampaignClosed: (db, events) => setStatus(db, events, 'closed'),
    CampaignCancelled: (db, events) => setStatus(db, events, 'cancelled'),
    async PersonalDataErased(db, events) {
      const respondentIds = subjectIdsOf(events, 'respondent');
      if (respondentIds.length === 0) return;
      await db
        .updateTable('campaign_respondents')
        .set({ email: ERASED, first_name: ERASED, last_name: ERASED })
        .where('id', 'in', respondentIds)
        .execute();
    },
  },
});
