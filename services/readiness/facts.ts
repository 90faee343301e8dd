import { originShare } from '../../projections/actions/queries';
import type { ActionsTables } from '../../projections/actions/tables';
import { nonConformitiesOf } from '../../projections/audits/queries';
import type { CampaignTables } from '../../projections/campaigns/tables';
import { complaintSettings } from '../../projections/complaints/queries';
import type { ComplaintsTables } from '../../projections/complaints/tables';
import type { ContactLogTables } from '../../projections/contact-log/tables';
import { networkPartners, networkReferent } from '../../projections/disability-network/queries';
import { binderItemCounts } from '../../projections/evidence/binder';
import { evidenceSummary } from '../../projections/evidence/queries';
import type { FeedbackTables } from '../../projections/feedback/tables';
import type { IncidentTables } from '../../projections/incidents/tables';
import { snapshotsOf, statusOf } from '../../projections/publication/queries';
import { answerCounts } from '../../projections/results/queries';
import { watchSettings } from '../../projections/watch/queries';
import type { WatchTables } from '../../projections/watch/tables';
import { type NcGrade, ncDeadline } from '../audits/cycle';
import type { ComplaintDates, ComplaintDeadlineSettings } from '../complaints/deadlines';
import type { Db } from '../db/database';
import { AUDIENCES, type Audience } from '../feedback/events';
import { parisDate, startOfNextParisDay, startOfParisDay } from '../kernel/paris-time';
import { needsCommunication, THEME_INDICATORS } from '../watch/events';

/** A period of Paris calendar days, both ends included. */
export interface ReadinessPeriod {
  from: string;
  to: string;
}

/**
 * What the readiness rules look at, read once from the read models. Everything is seen as it stood on `today`
 * (a Paris day): steps dated after it count as not done yet, records made after it are left out, so a binder
 * drawn for a past period reads the readiness of its last day.
 */
export interface ReadinessFacts {
  period: ReadinessPeriod;
  today: string;
  /** Evidence items per indicator over the period (an indicator without any is absent). */
  evidence: ReadonlyMap<number, number>;
  /** Audit non-conformities still open on `today`. */
  openNonConformities: readonly { indicator: number; grade: NcGrade; deadline: string }[];
  stakeholders: {
    /** The last day each group was asked for its views (campaign, feedback link, logged contact), or null. */
    lastSolicitedOn: Readonly<Record<Audience, string | null>>;
    /** People asked by name in campaigns sent over the period, and how many of them answered. */
    asked: number;
    answeredByName: number;
    /** Every answer received over the period (personal, shared and legacy links). */
    answers: number;
  };
  complaints: {
    settings: ComplaintDeadlineSettings;
    /** Those received in the period, or waiting for a step on `today`, or answered in the period. */
    register: readonly (ComplaintDates & { reference: string })[];
    /** How many were received in the period. */
    receivedInPeriod: number;
  };
  /** Difficulties and disruptions still open on `today`. */
  openIncidents: readonly { occurredOn: string; measures: number }[];
  actions: {
    /** Actions planned over the period (cancelled ones left out) that came from feedback, from complaints. */
    fromFeedback: number;
    fromComplaints: number;
    /** Actions done and waiting for their effectiveness check. */
    awaitingCheck: readonly { doneOn: string }[];
    /** Actions closed with no effectiveness recorded. */
    closedWithoutCheck: number;
  };
  watch: {
    exploitWithinDays: number;
    notes: readonly {
      indicators: readonly number[];
      recordedOn: string;
      analysedOn: string | null;
      communicationMissing: boolean;
    }[];
  };
  disabilityNetwork: { hasReferent: boolean; partners: number };
  /** The publication days of the result snapshots current on `today` (one per scope). */
  publishedResults: readonly string[];
}

export interface GatherOptions {
  /** Count only the evidence recorded up to this log position (a binder's), as the binder does. */
  asOfPosition?: number;
  /** The indicators whose evidence is counted when `asOfPosition` is given. */
  indicators?: readonly number[];
}

/** A date after `today` has not happened yet, as far as `today` is concerned. */
const byToday = (date: string | null, today: string) => (date !== null && date <= today ? date : null);

const evidenceOf = async (
  db: Db,
  organisationId: string,
  period: ReadinessPeriod,
  options: GatherOptions,
): Promise<Map<number, number>> => {
  const instants = { from: startOfParisDay(period.from), to: startOfNextParisDay(period.to) };
  if (options.asOfPosition !== undefined) {
    return binderItemCounts(db, {
      organisationId,
      indicators: options.indicators ?? [],
      period: instants,
      asOfPosition: options.asOfPosition,
    });
  }
  const rows = await evidenceSummary(db, organisationId, instants);
  return new Map(rows.map((row) => [row.indicator, row.count]));
};

const openNonConformitiesOf = async (db: Db, organisationId: string, today: string) => {
  const rows = await nonConformitiesOf(db, organisationId);
  return rows
    .filter((nc) => nc.notified_on <= today && (nc.open || (nc.closed_on !== null && nc.closed_on > today)))
    .map((nc) => {
      // A minor requalified after `today` was still a minor then, with a minor's deadline.
      const requalifiedLater = nc.requalified_on !== null && nc.requalified_on > today;
      return {
        indicator: nc.indicator,
        grade: requalifiedLater ? nc.initial_grade : nc.grade,
        deadline: requalifiedLater ? ncDeadline(nc.initial_grade, nc.notified_on) : nc.deadline,
      };
    });
};

/** The last day each group was asked: campaigns sent, feedback links opened, contacts logged with partners. */
const lastSolicitedOf = async (db: Db, organisationId: string, today: string) => {
  const [campaigns, links, contacts] = await Promise.all([
    db
      .withTables<CampaignTables>()
      .selectFrom('campaigns')
      .select((eb) => ['audience', eb.fn.max('send_on').as('last')])
      .where('organisation_id', '=', organisationId)
      .where('status', '!=', 'cancelled')
      .where('send_on', '<=', today)
      .groupBy('audience')
      .execute(),
    db
      .withTables<FeedbackTables>()
      .selectFrom('feedback_links')
      .select((eb) => ['audience', eb.fn.max('created_at').as('last')])
      .where('organisation_id', '=', organisationId)
      .where('created_at', '<', startOfNextParisDay(today))
      .groupBy('audience')
      .execute(),
    db
      .withTables<ContactLogTables>()
      .selectFrom('partner_contacts')
      .select((eb) => ['group', eb.fn.max('contact_on').as('last')])
      .where('organisation_id', '=', organisationId)
      .where('removed', '=', false)
      .where('contact_on', '<=', today)
      .groupBy('group')
      .execute(),
  ]);
  const last = Object.fromEntries(AUDIENCES.map((audience) => [audience, null])) as Record<
    Audience,
    string | null
  >;
  const seen = (audience: Audience, day: string) => {
    const current = last[audience];
    if (current === null || day > current) last[audience] = day;
  };
  for (const row of campaigns) seen(row.audience, row.last);
  for (const row of links) seen(row.audience, parisDate(new Date(row.last)));
  for (const row of contacts) seen(row.group, row.last);
  return last;
};

const stakeholdersOf = async (db: Db, organisationId: string, period: ReadinessPeriod, today: string) => {
  const [lastSolicitedOn, counts] = await Promise.all([
    lastSolicitedOf(db, organisationId, today),
    answerCounts(db, organisationId, { from: period.from, to: period.to < today ? period.to : today }),
  ]);
  return {
    lastSolicitedOn,
    asked: counts.asked,
    answeredByName: counts.personalAnswers,
    answers: counts.answers,
  };
};

const complaintsOf = async (db: Db, organisationId: string, period: ReadinessPeriod, today: string) => {
  const [settings, rows] = await Promise.all([
    complaintSettings(db, organisationId),
    db
      .withTables<ComplaintsTables>()
      .selectFrom('complaints')
      .select(['reference', 'received_on', 'acknowledged_on', 'answered_on', 'closed_unanswered_on'])
      .where('organisation_id', '=', organisationId)
      .where('received_on', '<=', today)
      .where((eb) =>
        eb.or([
          eb('received_on', '>=', period.from),
          eb('answered_on', 'is', null),
          eb('answered_on', '>=', period.from),
          eb('acknowledged_on', 'is', null),
        ]),
      )
      .orderBy('received_on')
      .orderBy('reference')
      .execute(),
  ]);
  return {
    settings,
    register: rows.map((row) => ({
      reference: row.reference,
      receivedOn: row.received_on,
      acknowledgedOn: byToday(row.acknowledged_on, today),
      answeredOn: byToday(row.answered_on, today),
      closedUnansweredOn: byToday(row.closed_unanswered_on, today),
    })),
    receivedInPeriod: rows.filter((row) => row.received_on >= period.from && row.received_on <= period.to)
      .length,
  };
};

const openIncidentsOf = async (db: Db, organisationId: string, today: string) => {
  const rows = await db
    .withTables<IncidentTables>()
    .selectFrom('incidents')
    .select(['occurred_on', 'measures'])
    .where('organisation_id', '=', organisationId)
    .where('occurred_on', '<=', today)
    .where((eb) => eb.or([eb('status', '=', 'open'), eb('resolved_on', '>', today)]))
    .execute();
  return rows.map((row) => ({ occurredOn: row.occurred_on, measures: row.measures }));
};

const actionsOf = async (db: Db, organisationId: string, period: ReadinessPeriod, today: string) => {
  const actions = db.withTables<ActionsTables>();
  const [origins, awaiting, closed] = await Promise.all([
    originShare(db, organisationId, period.from, period.to),
    actions
      .selectFrom('improvement_actions')
      .select('done_on')
      .where('organisation_id', '=', organisationId)
      .where('status', '=', 'done')
      .where('done_on', '<=', today)
      .execute(),
    actions
      .selectFrom('improvement_actions')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('organisation_id', '=', organisationId)
      .where('status', '=', 'closed')
      .where('effectiveness', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    fromFeedback: origins.fromFeedback,
    fromComplaints: origins.fromComplaints,
    awaitingCheck: awaiting.map((row) => ({ doneOn: row.done_on as string })),
    closedWithoutCheck: Number(closed.count),
  };
};

const watchOf = async (db: Db, organisationId: string, today: string) => {
  const [settings, rows] = await Promise.all([
    watchSettings(db, organisationId),
    db
      .withTables<WatchTables>()
      .selectFrom('watch_notes')
      .select(['theme', 'recorded_on', 'analysed_on', 'communications'])
      .where('organisation_id', '=', organisationId)
      .where('recorded_on', '<=', today)
      .execute(),
  ]);
  return {
    exploitWithinDays: settings.exploitWithinDays,
    notes: rows.map((row) => {
      const analysedOn = byToday(row.analysed_on, today);
      return {
        indicators: THEME_INDICATORS[row.theme],
        recordedOn: row.recorded_on,
        analysedOn,
        communicationMissing:
          needsCommunication(row.theme) && analysedOn !== null && row.communications === 0,
      };
    }),
  };
};

const disabilityNetworkOf = async (db: Db, organisationId: string) => {
  const [referent, partners] = await Promise.all([
    networkReferent(db, organisationId),
    networkPartners(db, organisationId),
  ]);
  return { hasReferent: referent !== undefined, partners: partners.length };
};

/** The snapshots current on `today`: published by then, and not withdrawn by then. */
const publishedResultsOf = async (db: Db, organisationId: string, today: string) => {
  const endOfToday = startOfNextParisDay(today);
  const rows = (await snapshotsOf(db, organisationId))
    .filter((row) => row.published_on <= today)
    .map((row) => ({
      ...row,
      withdrawn_at: row.withdrawn_at && new Date(row.withdrawn_at) < endOfToday ? row.withdrawn_at : null,
    }));
  const statuses = statusOf(rows);
  return rows.filter((row) => statuses.get(row.id) === 'current').map((row) => row.published_on);
};

/**
 * Every fact the readiness rules read, for one organisation, over a period, as it stood on `today`. The one
 * place readiness reads the database; the rules themselves are pure.
 */
export const gatherReadinessFacts = async (
  db: Db,
  organisationId: string,
  period: ReadinessPeriod,
  today: string,
  options: GatherOptions = {},
): Promise<ReadinessFacts> => {
  const [
    evidence,
    openNonConformities,
    stakeholders,
    complaints,
    openIncidents,
    actions,
    watch,
    disabilityNetwork,
    publishedResults,
  ] = await Promise.all([
    evidenceOf(db, organisationId, period, options),
    openNonConformitiesOf(db, organisationId, today),
    stakeholdersOf(db, organisationId, period, today),
    complaintsOf(db, organisationId, period, today),
    openIncidentsOf(db, organisationId, today),
    actionsOf(db, organisationId, period, today),
    watchOf(db, organisationId, today),
    disabilityNetworkOf(db, organisationId),
    publishedResultsOf(db, organisationId, today),
  ]);
  return {
    period,
    today,
    evidence,
    openNonConformities,
    stakeholders,
    complaints,
    openIncidents,
    actions,
    watch,
    disabilityNetwork,
    publishedResults,
  };
};
