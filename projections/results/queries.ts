import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../services/db/database';
import type { Audience } from '../../services/feedback/events';
import type {
  QuestionKind,
  QuestionnaireContent,
  QuestionPurpose,
} from '../../services/questionnaire/events';
import { DEFAULT_THRESHOLD, type LowScoreThreshold } from '../../services/results/events';
import type { CampaignTables } from '../campaigns/tables';
import type { KeysetPage } from '../paging';
import { pageDirection } from '../paging';
import type { QuestionnaireTables } from '../questionnaires/tables';
import {
  averageOf,
  type Distribution,
  fullDistribution,
  type NpsFigures,
  npsOf,
  responseRate,
  totalOf,
} from './aggregate';
import { LEGACY_QUESTIONNAIRE } from './legacy';
import type { ResultsCommentRow, ResultsTables } from './tables';

const tables = (db: Db) => db.withTables<ResultsTables>();

/** What results are read for: every field narrows them; dates are Paris days, both ends included. */
export interface ResultsFilter {
  from?: string | null;
  to?: string | null;
  sessionId?: string | null;
  trainingActionId?: string | null;
  site?: string | null;
  audience?: Audience | null;
  campaignId?: string | null;
  purpose?: QuestionPurpose | null;
}

/**
 * The filter as a condition on a results table (every one has the answer's context columns). Raw SQL: one
 * condition over three tables that Kysely would type one by one.
 */
const where = (organisationId: string, filter: ResultsFilter, alias: string): Expression<SqlBool> => {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const parts = [sql`${column('organisation_id')} = ${organisationId}`];
  if (filter.from) parts.push(sql`${column('answered_on')} >= ${filter.from}`);
  if (filter.to) parts.push(sql`${column('answered_on')} <= ${filter.to}`);
  if (filter.sessionId) parts.push(sql`${column('session_id')} = ${filter.sessionId}`);
  if (filter.trainingActionId) parts.push(sql`${column('training_action_id')} = ${filter.trainingActionId}`);
  if (filter.site) parts.push(sql`${column('site')} = ${filter.site}`);
  if (filter.audience) parts.push(sql`${column('audience')} = ${filter.audience}`);
  if (filter.campaignId) parts.push(sql`${column('campaign_id')} = ${filter.campaignId}`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
};

/** An answer matches a purpose when it answered a question of that purpose. */
const hasPurpose = (purpose: QuestionPurpose | null | undefined): Expression<SqlBool> =>
  purpose
    ? sql<SqlBool>`(EXISTS (SELECT 1 FROM results_values v WHERE v.answer_id = a.answer_id AND v.purpose = ${purpose})
        OR EXISTS (SELECT 1 FROM results_comments c WHERE c.answer_id = a.answer_id AND c.purpose = ${purpose}))`
    : sql<SqlBool>`true`;

/** Whether the organisation received this answer. */
export const answerExists = async (db: Db, organisationId: string, answerId: string) =>
  (await tables(db)
    .selectFrom('results_answers')
    .select('answer_id')
    .where('organisation_id', '=', organisationId)
    .where('answer_id', '=', answerId)
    .executeTakeFirst()) !== undefined;

/** The organisation's threshold and its revision (-1 while it uses the defaults). */
export const thresholdOf = async (
  db: Db,
  organisationId: string,
): Promise<LowScoreThreshold & { revision: number }> => {
  const row = await tables(db)
    .selectFrom('results_thresholds')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row
    ? { ratingAtMost: row.rating_at_most, npsAtMost: row.nps_at_most, revision: Number(row.revision) }
    : { ...DEFAULT_THRESHOLD, revision: -1 };
};

export interface AnswerCounts {
  answers: number;
  /** Answers through personal links: those the response rate counts. */
  personalAnswers: number;
  /** People asked by name in the campaigns the filter selects. */
  asked: number;
  responseRate: number | null;
  lowScore: number;
  lowScoreUnreviewed: number;
}

/** How many answered, how many were asked, and how many low scores wait for a review. */
export const answerCounts = async (
  db: Db,
  organisationId: string,
  filter: ResultsFilter,
): Promise<AnswerCounts> => {
  const counts = await tables(db)
    .selectFrom('results_answers as a')
    .select((eb) => [
      eb.fn.countAll<string>().as('answers'),
      sql<string>`count(*) FILTER (WHERE a.channel = 'personal')`.as('personal'),
      sql<string>`count(*) FILTER (WHERE a.low_score)`.as('low'),
      sql<string>`count(*) FILTER (WHERE a.low_score AND a.reviewed_at IS NULL)`.as('unreviewed'),
    ])
    .where(where(organisationId, filter, 'a'))
    .where(hasPurpose(filter.purpose))
    .executeTakeFirstOrThrow();
  const asked = await askedCount(db, organisationId, filter);
  const personalAnswers = Number(counts.personal);
  return {
    answers: Number(counts.answers),
    personalAnswers,
    asked,
    responseRate: responseRate(personalAnswers, asked),
    lowScore: Number(counts.low),
    lowScoreUnreviewed: Number(counts.unreviewed),
  };
};

/**
 * People asked by name in the campaigns the filter selects (a period selects campaigns sent in it; a site, the
 * campaigns about its sessions). Shared links and legacy answers ask nobody by name.
 */
const askedCount = async (db: Db, organisationId: string, filter: ResultsFilter) => {
  let query = db
    .withTables<CampaignTables & { training_sessions: { id: string; site: string } }>()
    .selectFrom('campaigns as c')
    .innerJoin('campaign_counts as n', 'n.campaign_id', 'c.id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('n.respondents'), sql<string>`0`).as('asked'))
    .where('c.organisation_id', '=', organisationId)
    .where('c.status', '!=', 'cancelled');
  if (filter.campaignId) query = query.where('c.id', '=', filter.campaignId);
  if (filter.sessionId) query = query.where('c.session_id', '=', filter.sessionId);
  if (filter.trainingActionId) query = query.where('c.training_action_id', '=', filter.trainingActionId);
  if (filter.audience) query = query.where('c.audience', '=', filter.audience);
  if (filter.from) query = query.where('c.send_on', '>=', filter.from);
  if (filter.to) query = query.where('c.send_on', '<=', filter.to);
  if (filter.site) {
    const site = filter.site;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('training_sessions as s')
          .select('s.id')
          .whereRef('s.id', '=', 'c.session_id')
          .where('s.site', '=', site),
      ),
    );
  }
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.asked);
};

export interface QuestionResult {
  /** Null for the built-in legacy questionnaire. */
  questionnaireId: string | null;
  questionnaireTitle: { fr: string; en: string | null };
  questionId: string;
  label: { fr: string; en: string | null };
  kind: QuestionKind;
  purpose: QuestionPurpose;
  /** Answers to the question (comments for a free-text one). */
  answers: number;
  average: number | null;
  distribution: { value: string; label: { fr: string; en: string | null } | null; count: number }[];
  nps: NpsFigures | null;
}

type VersionContent = { questionnaire_id: string; version: number; content: QuestionnaireContent };

/** The questionnaires' versions, newest first: a question's label is the newest one it had. */
const versionsOf = async (db: Db, organisationId: string, questionnaireIds: readonly string[]) =>
  questionnaireIds.length === 0
    ? []
    : ((await db
        .withTables<QuestionnaireTables>()
        .selectFrom('questionnaire_versions')
        .select(['questionnaire_id', 'version', 'content'])
        .where('organisation_id', '=', organisationId)
        .where('questionnaire_id', 'in', questionnaireIds)
        .orderBy('version', 'desc')
        .execute()) as VersionContent[]);

/** Per question: answers, average, distribution and NPS; satisfaction and learning questions as asked. */
export const questionResults = async (
  db: Db,
  organisationId: string,
  filter: ResultsFilter,
): Promise<QuestionResult[]> => {
  const valueCounts = await tables(db)
    .selectFrom('results_values as v')
    .leftJoin(sql`jsonb_array_elements_text(v.choices)`.as('c'), (join) => join.onTrue())
    .select([
      'v.questionnaire_id',
      'v.question_id',
      'v.kind',
      'v.purpose',
      sql<string>`coalesce(v.score::text, CASE WHEN v.yes THEN 'yes' WHEN NOT v.yes THEN 'no' END, c.value)`.as(
        'value',
      ),
      sql<string>`count(*)`.as('count'),
      sql<string>`count(DISTINCT v.answer_id)`.as('answers'),
    ])
    .where(where(organisationId, filter, 'v'))
    .$if(!!filter.purpose, (query) => query.where('v.purpose', '=', filter.purpose!))
    .groupBy(['v.questionnaire_id', 'v.question_id', 'v.kind', 'v.purpose', sql`5`])
    .execute();
  const answerCounts = await tables(db)
    .selectFrom('results_values as v')
    .select(['v.questionnaire_id', 'v.question_id', sql<string>`count(*)`.as('answers')])
    .where(where(organisationId, filter, 'v'))
    .groupBy(['v.questionnaire_id', 'v.question_id'])
    .execute();
  const commentCounts = await tables(db)
    .selectFrom('results_comments as v')
    .select(['v.questionnaire_id', 'v.question_id', 'v.purpose', sql<string>`count(*)`.as('answers')])
    .where(where(organisationId, filter, 'v'))
    .$if(!!filter.purpose, (query) => query.where('v.purpose', '=', filter.purpose!))
    .groupBy(['v.questionnaire_id', 'v.question_id', 'v.purpose'])
    .execute();

  const keyOf = (row: { questionnaire_id: string | null; question_id: string }) =>
    `${row.questionnaire_id ?? 'legacy'}/${row.question_id}`;
  const questions = new Map<
    string,
    {
      questionnaireId: string | null;
      questionId: string;
      kind: QuestionKind;
      purpose: QuestionPurpose;
      counts: Map<string, number>;
      answers: number;
    }
  >();
  for (const row of valueCounts) {
    const key = keyOf(row);
    const question = questions.get(key) ?? {
      questionnaireId: row.questionnaire_id,
      questionId: row.question_id,
      kind: row.kind,
      purpose: row.purpose,
      counts: new Map<string, number>(),
      answers: 0,
    };
    if (row.value !== null) question.counts.set(row.value, Number(row.count));
    questions.set(key, question);
  }
  for (const row of answerCounts) {
    const question = questions.get(keyOf(row));
    if (question) question.answers = Number(row.answers);
  }
  for (const row of commentCounts) {
    questions.set(keyOf(row), {
      questionnaireId: row.questionnaire_id,
      questionId: row.question_id,
      kind: 'free_text',
      purpose: row.purpose,
      counts: new Map(),
      answers: Number(row.answers),
    });
  }

  const versions = await versionsOf(db, organisationId, [
    ...new Set([...questions.values()].flatMap((question) => question.questionnaireId ?? [])),
  ]);
  const contentsOf = (questionnaireId: string | null): QuestionnaireContent[] =>
    questionnaireId === null
      ? [LEGACY_QUESTIONNAIRE]
      : versions
          .filter((version) => version.questionnaire_id === questionnaireId)
          .map((version) => version.content);

  const results = [...questions.values()].map((question): QuestionResult & { order: number } => {
    const contents = contentsOf(question.questionnaireId);
    const asked = contents
      .flatMap((content) => content.questions)
      .find((each) => each.id === question.questionId);
    const newest = contents[0];
    const optionIds = asked?.options.map((option) => option.id) ?? [];
    const distribution: Distribution = question.counts;
    return {
      questionnaireId: question.questionnaireId,
      questionnaireTitle: newest?.title ?? { fr: question.questionnaireId ?? '', en: null },
      questionId: question.questionId,
      label: asked?.label ?? { fr: question.questionId, en: null },
      kind: question.kind,
      purpose: question.purpose,
      answers: question.answers,
      average: question.kind === 'rating' || question.kind === 'nps' ? averageOf(distribution) : null,
      distribution:
        question.kind === 'free_text'
          ? []
          : fullDistribution(question.kind, distribution, optionIds).map(({ value, count }) => ({
              value,
              count,
              label: asked?.options.find((option) => option.id === value)?.label ?? null,
            })),
      nps: question.kind === 'nps' ? npsOf(distribution) : null,
      order: newest ? newest.questions.findIndex((each) => each.id === question.questionId) : 0,
    };
  });
  return results
    .sort(
      (a, b) =>
        a.questionnaireTitle.fr.localeCompare(b.questionnaireTitle.fr, 'fr') ||
        (a.questionnaireId ?? '').localeCompare(b.questionnaireId ?? '') ||
        a.order - b.order ||
        a.questionId.localeCompare(b.questionId),
    )
    .map(({ order: _, ...result }) => result);
};

export interface TrendPoint {
  /** YYYY-MM, a Paris month. */
  month: string;
  ratingAnswers: number;
  ratingAverage: number | null;
  npsAnswers: number;
  npsScore: number | null;
}

/** Satisfaction per Paris month: the average rating and the NPS (learning assessments are never mixed in). */
export const monthlyTrend = async (
  db: Db,
  organisationId: string,
  filter: ResultsFilter,
): Promise<TrendPoint[]> => {
  const rows = await tables(db)
    .selectFrom('results_values as v')
    .select([
      sql<string>`to_char(v.answered_on, 'YYYY-MM')`.as('month'),
      'v.kind',
      'v.score',
      sql<string>`count(*)`.as('count'),
    ])
    .where(where(organisationId, filter, 'v'))
    .where('v.purpose', '=', 'satisfaction')
    .where('v.kind', 'in', ['rating', 'nps'])
    .groupBy([sql`1`, 'v.kind', 'v.score'])
    .orderBy(sql`1`)
    .execute();
  const months = new Map<string, { rating: Map<string, number>; nps: Map<string, number> }>();
  for (const row of rows) {
    const month = months.get(row.month) ?? { rating: new Map(), nps: new Map() };
    (row.kind === 'rating' ? month.rating : month.nps).set(String(row.score), Number(row.count));
    months.set(row.month, month);
  }
  return [...months].map(([month, { rating, nps }]) => ({
    month,
    ratingAnswers: totalOf(rating),
    ratingAverage: averageOf(rating),
    npsAnswers: totalOf(nps),
    npsScore: npsOf(nps).score,
  }));
};

export type CommentRow = ResultsCommentRow & {
  low_score: boolean;
  reviewed_at: Date | null;
  reviewed_by: string | null;
};

/** Free-text answers, newest first, with their answer's review state. */
export const commentsOf = async (
  db: Db,
  organisationId: string,
  filter: ResultsFilter & { unreviewedOnly?: boolean },
  page: KeysetPage<{ receivedAt: Date; id: string }>,
): Promise<CommentRow[]> => {
  const { order, after } = pageDirection('desc', page);
  let query = tables(db)
    .selectFrom('results_comments as v')
    .innerJoin('results_answers as a', 'a.answer_id', 'v.answer_id')
    .selectAll('v')
    .select(['a.low_score', 'a.reviewed_at', 'a.reviewed_by'])
    .where(where(organisationId, filter, 'v'))
    .orderBy('v.received_at', order)
    .orderBy('v.id', order)
    .limit(page.limit);
  if (filter.purpose) query = query.where('v.purpose', '=', filter.purpose);
  if (filter.unreviewedOnly) query = query.where('a.reviewed_at', 'is', null);
  if (page.cursor) {
    const { receivedAt, id } = page.cursor;
    query = query.where((eb) => eb(eb.refTuple('v.received_at', 'v.id'), after, eb.tuple(receivedAt, id)));
  }
  return query.execute();
};

/** Follow-ups requested from these answers, oldest first. */
export const followUpsOfAnswers = (db: Db, organisationId: string, answerIds: readonly string[]) =>
  answerIds.length === 0
    ? Promise.resolve([])
    : tables(db)
        .selectFrom('results_follow_ups')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('answer_id', 'in', answerIds)
        .orderBy('requested_at')
        .orderBy('id')
        .execute();

/** One row per answer and question, for the export: closed answers, and comments when `withComments`. */
export const exportRows = async (
  db: Db,
  organisationId: string,
  filter: ResultsFilter,
  withComments: boolean,
  limit = 100_000,
) => {
  const values = await tables(db)
    .selectFrom('results_values as v')
    .innerJoin('results_answers as a', 'a.answer_id', 'v.answer_id')
    .selectAll('v')
    .select(['a.reviewed_at', 'a.channel'])
    .select(sql<string | null>`NULL`.as('text'))
    .where(where(organisationId, filter, 'v'))
    .$if(!!filter.purpose, (query) => query.where('v.purpose', '=', filter.purpose!))
    .orderBy('v.answered_on')
    .orderBy('v.answer_id')
    .orderBy('v.question_id')
    .limit(limit)
    .execute();
  const comments = withComments
    ? await tables(db)
        .selectFrom('results_comments as v')
        .innerJoin('results_answers as a', 'a.answer_id', 'v.answer_id')
        .selectAll('v')
        .select(['a.reviewed_at', 'a.channel', 'a.low_score'])
        .where(where(organisationId, filter, 'v'))
        .$if(!!filter.purpose, (query) => query.where('v.purpose', '=', filter.purpose!))
        .orderBy('v.answered_on')
        .orderBy('v.answer_id')
        .orderBy('v.question_id')
        .limit(limit)
        .execute()
    : [];
  const versions = await versionsOf(db, organisationId, [
    ...new Set([...values, ...comments].flatMap((row) => row.questionnaire_id ?? [])),
  ]);
  return { values, comments, versions };
};
