import type { Db } from '../../services/db/database';
import { AUDIENCE_LABELS } from '../../services/feedback/events';
import type { CalendarSource } from '../calendar/item';
import type { CampaignTables } from './tables';

/** Planned campaigns on their sending day (indicator 30): what will go out, and what should have. */
export const campaignsCalendar: CalendarSource = async (db: Db, organisationId, range, today) => {
  const rows = await db
    .withTables<CampaignTables>()
    .selectFrom('campaigns')
    .leftJoin('campaign_counts', 'campaign_counts.campaign_id', 'campaigns.id')
    .select(['campaigns.id', 'send_on', 'target_label', 'audience', 'invited', 'respondents'])
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'planned')
    .where('send_on', '>=', range.from)
    .where('send_on', '<=', range.to)
    .execute();
  return rows.map((row) => ({
    id: `campaigns:send:${row.id}`,
    kind: 'campaign_send',
    date: row.send_on,
    title: `Envoi de la campagne de recueil (${AUDIENCE_LABELS[row.audience] ?? row.audience}) : ${row.target_label}`,
    href: `/campaigns/${row.id}`,
    indicator: 30,
    overdue: row.send_on < today && (row.invited ?? 0) < (row.respondents ?? 0),
  }));
};
