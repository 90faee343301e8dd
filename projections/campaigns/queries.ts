import { sql } from 'kysely';
import type { Db } from '../../services/db/database';
import { parisDate } from '../../services/kernel/paris-time';
import { ERASED } from '../../services/privacy/declarations';
import type { CampaignRow, CampaignTables } from './tables';

const tables = (db: Db) => db.withTables<CampaignTables>();

const withCounts = (db: Db) =>
  tables(db)
    .selectFrom('campaigns')
    .innerJoin('campaign_counts', 'campaign_counts.campaign_id', 'campaigns.id')
    .selectAll('campaigns')
    .select([
      'campaign_counts.respondents',
      'campaign_counts.invited',
      'campaign_counts.answered',
      'campaign_counts.opted_out',
      'campaign_counts.answers',
    ]);

/** The organisation's campaigns, the next to send first; one session's when asked. */
export const campaignsOf = (
  db: Db,
  organisationId: string,
  filter: { sessionId?: string | null } = {},
): Promise<CampaignRow[]> => {
  let query = withCounts(db)
    .where('campaigns.organisation_id', '=', organisationId)
    .orderBy('campaigns.send_on', 'desc')
    .orderBy('campaigns.id')
    .limit(200);
  if (filter.sessionId) query = query.where('campaigns.session_id', '=', filter.sessionId);
  return query.execute();
};

export const findCampaign = (db: Db, organisationId: string, campaignId: string) =>
  withCounts(db)
    .where('campaigns.organisation_id', '=', organisationId)
    .where('campaigns.id', '=', campaignId)
    .executeTakeFirst();

/** A campaign's respondents (removed ones left out), in the order they were added. */
export const respondentsOfCampaign = (db: Db, organisationId: string, campaignId: string) =>
  tables(db)
    .selectFrom('campaign_respondents')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('campaign_id', '=', campaignId)
    .where('removed', '=', false)
    .orderBy('added_at')
    .orderBy('id')
    .limit(2000)
    .execute();

/** A campaign's shared links, the newest first. */
export const sharedLinksOfCampaign = (db: Db, organisationId: string, campaignId: string) =>
  tables(db)
    .selectFrom('campaign_shared_links')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('campaign_id', '=', campaignId)
    .orderBy('opened_at', 'desc')
    .orderBy('id')
    .limit(50)
    .execute();

/** What a public answer needs of campaigns, by id (any organisation's: the caller checks the link first). */
export const campaignsForAnswer = async (db: Db, campaignIds: readonly string[]) => {
  const rows = await tables(db)
    .selectFrom('campaigns')
    .select([
      'id',
      'organisation_id',
      'status',
      'send_on',
      'closes_on',
      'anonymous',
      'audience',
      'questionnaire_id',
      'questionnaire_version',
      'session_id',
      'training_action_id',
      'target_label',
    ])
    .where('id', 'in', campaignIds)
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
};

/** Respondents by id, with their campaign (a personal link names its respondent). */
export const respondentsForAnswer = async (db: Db, respondentIds: readonly string[]) => {
  const rows = await tables(db)
    .selectFrom('campaign_respondents')
    .select(['id', 'campaign_id', 'organisation_id', 'removed', 'answered', 'opted_out', 'first_name'])
    .where('id', 'in', respondentIds)
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
};

/** Shared links by id, with their campaign and answers so far. */
export const sharedLinksForAnswer = async (db: Db, linkIds: readonly string[]) => {
  const rows = await tables(db)
    .selectFrom('campaign_shared_links')
    .select(['id', 'campaign_id', 'organisation_id', 'open', 'answers'])
    .where('id', 'in', linkIds)
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
};

/** A campaign the campaign reactor should look at. */
export interface CampaignToSweep {
  id: string;
  organisation_id: string;
}

/**
 * Planned campaigns the campaign reactor should look at `now`, in id order after `after`: past their closing day
 * (to close), or from their sending day with someone who may be due a message — never invited, or not answered,
 * not opted out, not erased, reminders left and the gap passed since the last message. A coarse filter: the
 * campaign's stream decides (this read model may lag a message just queued).
 */
export const campaignsToSweep = (
  db: Db,
  now: Date,
  limit: number,
  after?: string,
): Promise<CampaignToSweep[]> => {
  const today = parisDate(now);
  let query = tables(db)
    .selectFrom('campaigns as c')
    .select(['c.id', 'c.organisation_id'])
    .where('c.status', '=', 'planned')
    .where('c.send_on', '<=', today)
    .where((eb) =>
      eb.or([
        eb('c.closes_on', '<', today),
        eb.exists(
          eb
            .selectFrom('campaign_respondents as r')
            .select(sql`1`.as('one'))
            .whereRef('r.campaign_id', '=', 'c.id')
            .where('r.removed', '=', false)
            .where('r.answered', '=', false)
            .where('r.opted_out', '=', false)
            .where('r.email', '!=', ERASED)
            .where((inner) =>
              inner.or([
                inner('r.messages', '=', 0),
                inner.and([
                  inner('r.messages', '<=', inner.ref('c.reminders')),
                  sql<boolean>`r.last_message_at <= ${now}::timestamptz - c.reminder_gap_days * interval '1 day'`,
                ]),
              ]),
            ),
        ),
      ]),
    );
  if (after !== undefined) query = query.where('c.id', '>', after);
  return query.orderBy('c.id').limit(limit).execute();
};

/** Where a campaign's respondents stand for its next sending (see next-sending.ts). */
export const sendingFactsOf = async (
  db: Db,
  organisationId: string,
  campaignId: string,
): Promise<{ notInvited: number; oldestRemindable: Date | null }> => {
  const row = await tables(db)
    .selectFrom('campaign_respondents as r')
    .innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
    .select([
      sql<number>`count(*) FILTER (WHERE r.messages = 0)`.as('not_invited'),
      sql<Date | null>`min(r.last_message_at) FILTER (WHERE r.messages >= 1 AND r.messages <= c.reminders)`.as(
        'oldest_remindable',
      ),
    ])
    .where('r.organisation_id', '=', organisationId)
    .where('r.campaign_id', '=', campaignId)
    .where('r.removed', '=', false)
    .where('r.answered', '=', false)
    .where('r.opted_out', '=', false)
    .where('r.email', '!=', ERASED)
    .executeTakeFirst();
  return {
    notInvited: Number(row?.not_invited ?? 0),
    oldestRemindable: row?.oldest_remindable ? new Date(row.oldest_remindable) : null,
  };
};
