import type { Db } from '../../services/db/database';
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
