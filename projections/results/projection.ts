import { type Insertable, type Kysely, sql } from 'kysely';
import type { CampaignAnswerSubmitted } from '../../services/campaign/answer-events';
import type { FeedbackLinkOpened, FeedbackSubmitted } from '../../services/feedback/events';
import { derivedId } from '../../services/kernel/ids';
import { ERASED, subjectId } from '../../services/privacy/declarations';
import type { PersonalDataErased } from '../../services/privacy/events';
import type { QuestionnaireCreated, QuestionnaireRevised } from '../../services/questionnaire/events';
import { DEFAULT_THRESHOLD, type LowScoreThreshold, type ResultsEvent } from '../../services/results/events';
import { lastBy } from '../grouping';
import { subjectIdsOf } from '../privacy';
import { insertRows, updateRows } from '../runner/bulk';
import { defineProjection, type Recorded } from '../runner/projection';
import { isLowScore } from './aggregate';
import { LEGACY_COMMENT, LEGACY_RATING } from './legacy';
import type { ResultsTables } from './tables';

type Db = Kysely<ResultsTables>;
type Event =
  | CampaignAnswerSubmitted
  | FeedbackLinkOpened
  | FeedbackSubmitted
  | QuestionnaireCreated
  | QuestionnaireRevised
  | ResultsEvent
  | PersonalDataErased;
type Of<Type extends Event['type']> = Recorded<Extract<Event, { type: Type }>>;
type AnswerRow = Insertable<ResultsTables['results_answers']>;
type ValueRow = Insertable<ResultsTables['results_values']>;
type CommentRow = Insertable<ResultsTables['results_comments']>;

const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** The Paris calendar day (YYYY-MM-DD) of an instant. */
export const parisDayOf = (instant: string | Date): string => parisDay.format(new Date(instant));

/** The organisations' thresholds (defaults where none was set): one read per run. */
const thresholdsOf = async (db: Db, organisationIds: readonly string[]) => {
  const rows = await db
    .selectFrom('results_thresholds')
    .selectAll()
    .where('organisation_id', 'in', [...new Set(organisationIds)])
    .execute();
  const byOrganisation = new Map<string, LowScoreThreshold>(
    rows.map((row) => [
      row.organisation_id,
      { ratingAtMost: row.rating_at_most, npsAtMost: row.nps_at_most },
    ]),
  );
  return (organisationId: string) => byOrganisation.get(organisationId) ?? DEFAULT_THRESHOLD;
};

/** Re-reads the low-score flags of the organisations' answers after their threshold changed: two statements. */
const reflag = async (db: Db, organisationIds: readonly string[]) => {
  await db
    .updateTable('results_values as v')
    .from('results_thresholds as t')
    .set({
      low_score: sql<boolean>`v.purpose = 'satisfaction' AND (
        (v.kind = 'rating' AND v.score <= t.rating_at_most) OR (v.kind = 'nps' AND v.score <= t.nps_at_most))`,
    })
    .whereRef('t.organisation_id', '=', 'v.organisation_id')
    .where('v.organisation_id', 'in', organisationIds)
    .execute();
  await db
    .updateTable('results_answers as a')
    .set({
      low_score: sql<boolean>`EXISTS (SELECT 1 FROM results_values v WHERE v.answer_id = a.answer_id AND v.low_score)`,
    })
    .where('a.organisation_id', 'in', organisationIds)
    .execute();
};

/** The rows of one answer: its closed answers and its comments, flagged against its organisation's threshold. */
/**
 * An answer's free text by question: as written, or, once its author is erased (the whole field reads ERASED),
 * ERASED under each question it answered (answers stored before those ids were recorded show none).
 */
const commentsOf = (data: CampaignAnswerSubmitted['data']): [string, string][] =>
  typeof data.comments === 'object' && data.comments !== null
    ? Object.entries(data.comments)
    : data.comments === null
      ? []
      : (data.commentedQuestionIds ?? []).map((questionId) => [questionId, ERASED]);

const insertAnswers = async (
  db: Db,
  answers: readonly {
    row: Omit<AnswerRow, 'low_score'>;
    values: Omit<ValueRow, 'low_score'>[];
    comments: CommentRow[];
  }[],
) => {
  if (answers.length === 0) return;
  const thresholdOf = await thresholdsOf(
    db,
    answers.map(({ row }) => row.organisation_id),
  );
  const values: ValueRow[] = answers.flatMap(({ values }) =>
    values.map((value) => ({
      ...value,
      low_score: isLowScore(value, value.score ?? null, thresholdOf(value.organisation_id)),
    })),
  );
  const lowAnswers = new Set(values.filter((value) => value.low_score).map((value) => value.answer_id));
  await insertRows(
    db,
    'results_answers',
    answers.map(({ row }) => ({ ...row, low_score: lowAnswers.has(row.answer_id) })),
  );
  await insertRows(db, 'results_values', values);
  await insertRows(
    db,
    'results_comments',
    answers.flatMap(({ comments }) => comments),
  );
};

const upsertQuestions = async (
  db: Db,
  events: readonly Of<'QuestionnaireCreated' | 'QuestionnaireRevised'>[],
) => {
  const rows = lastBy(
    events.flatMap(({ data }) =>
      data.questions.map((question) => ({
        questionnaire_id: data.questionnaireId,
        question_id: question.id,
        kind: question.kind,
        purpose: question.purpose,
      })),
    ),
    (row) => `${row.questionnaire_id}/${row.question_id}`,
  );
  await db
    .insertInto('results_questions')
    .values(rows)
    .onConflict((conflict) => conflict.columns(['questionnaire_id', 'question_id']).doNothing())
    .execute();
};

export const resultsProjection = defineProjection<ResultsTables, Event>({
  name: 'results',
  version: 2,
  tables: [
    'results_answers',
    'results_values',
    'results_comments',
    'results_thresholds',
    'results_follow_ups',
    'results_questions',
    'results_legacy_links',
  ],
  async create(db) {
    const context = <T extends string>(table: T) =>
      db.schema
        .createTable(table)
        .addColumn('answer_id', 'uuid', (column) => column.notNull())
        .addColumn('organisation_id', 'uuid', (column) => column.notNull())
        .addColumn('source', 'text', (column) => column.notNull())
        .addColumn('campaign_id', 'uuid')
        .addColumn('legacy_link_id', 'uuid')
        .addColumn('questionnaire_id', 'uuid')
        .addColumn('questionnaire_version', 'integer', (column) => column.notNull())
        .addColumn('audience', 'text', (column) => column.notNull())
        .addColumn('session_id', 'uuid')
        .addColumn('training_action_id', 'uuid')
        .addColumn('site', 'text')
        .addColumn('answered_on', 'date', (column) => column.notNull());
    await context('results_answers')
      .addColumn('channel', 'text', (column) => column.notNull())
      .addColumn('low_score', 'boolean', (column) => column.notNull())
      .addColumn('reviewed_at', 'timestamptz')
      .addColumn('reviewed_by', 'uuid')
      .addColumn('received_at', 'timestamptz', (column) => column.notNull())
      .addPrimaryKeyConstraint('results_answers_pkey', ['answer_id'])
      .execute();
    await context('results_values')
      .addColumn('question_id', 'text', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('purpose', 'text', (column) => column.notNull())
      .addColumn('score', 'smallint')
      .addColumn('choices', 'jsonb')
      .addColumn('yes', 'boolean')
      .addColumn('low_score', 'boolean', (column) => column.notNull())
      .addPrimaryKeyConstraint('results_values_pkey', ['answer_id', 'question_id'])
      .execute();
    await context('results_comments')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('question_id', 'text', (column) => column.notNull())
      .addColumn('purpose', 'text', (column) => column.notNull())
      .addColumn('text', 'text', (column) => column.notNull())
      .addColumn('subject_id', 'text', (column) => column.notNull())
      .addColumn('received_at', 'timestamptz', (column) => column.notNull())
      .execute();
    // Every results read names the organisation and a period of days.
    for (const table of ['results_answers', 'results_values', 'results_comments'] as const) {
      await db.schema
        .createIndex(`${table}_organisation_day_idx`)
        .on(table)
        .columns(['organisation_id', 'answered_on'])
        .execute();
    }
    await db.schema
      .createIndex('results_comments_newest_idx')
      .on('results_comments')
      .columns(['organisation_id', 'received_at', 'id'])
      .execute();
    await db.schema
      .createIndex('results_comments_subject_idx')
      .on('results_comments')
      .column('subject_id')
      .execute();
    await db.schema
      .createTable('results_thresholds')
      .addColumn('organisation_id', 'uuid', (column) => column.primaryKey())
      .addColumn('rating_at_most', 'smallint', (column) => column.notNull())
      .addColumn('nps_at_most', 'smallint', (column) => column.notNull())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('results_follow_ups')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('answer_id', 'uuid', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('title', 'text', (column) => column.notNull())
      .addColumn('requested_by', 'uuid', (column) => column.notNull())
      .addColumn('requested_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('results_follow_ups_answer_idx')
      .on('results_follow_ups')
      .column('answer_id')
      .execute();
    await db.schema
      .createTable('results_questions')
      .addColumn('questionnaire_id', 'uuid', (column) => column.notNull())
      .addColumn('question_id', 'text', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('purpose', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('results_questions_pkey', ['questionnaire_id', 'question_id'])
      .execute();
    await db.schema
      .createTable('results_legacy_links')
      .addColumn('link_id', 'uuid', (column) => column.primaryKey())
      .addColumn('site', 'text', (column) => column.notNull())
      .execute();
  },
  handlers: {
    QuestionnaireCreated: upsertQuestions,
    QuestionnaireRevised: upsertQuestions,
    async FeedbackLinkOpened(db, events) {
      await insertRows(
        db,
        'results_legacy_links',
        events.map(({ data }) => ({ link_id: data.linkId, site: data.session.site })),
      );
    },
    async FeedbackSubmitted(db, events) {
      const links = await db
        .selectFrom('results_legacy_links')
        .selectAll()
        .where('link_id', 'in', [...new Set(events.map(({ data }) => data.linkId))])
        .execute();
      const siteOf = new Map(links.map((link) => [link.link_id, link.site]));
      await insertAnswers(
        db,
        events.map(({ data, metadata }) => {
          const context = {
            answer_id: data.responseId,
            organisation_id: metadata.organisationId,
            source: 'legacy' as const,
            campaign_id: null,
            legacy_link_id: data.linkId,
            questionnaire_id: null,
            questionnaire_version: 1,
            audience: data.audience,
            session_id: data.sessionId,
            training_action_id: data.trainingActionId,
            site: siteOf.get(data.linkId) ?? null,
            answered_on: parisDayOf(metadata.occurredAt),
          };
          return {
            row: {
              ...context,
              channel: 'legacy' as const,
              reviewed_at: null,
              reviewed_by: null,
              received_at: metadata.occurredAt,
            },
            values: [
              {
                ...context,
                question_id: LEGACY_RATING,
                kind: 'rating' as const,
                purpose: 'satisfaction' as const,
                score: data.rating,
                choices: null,
                yes: null,
              },
            ],
            comments:
              data.comment === null
                ? []
                : [
                    {
                      ...context,
                      id: derivedId(data.responseId, LEGACY_COMMENT),
                      question_id: LEGACY_COMMENT,
                      purpose: 'satisfaction' as const,
                      text: data.comment,
                      subject_id: subjectId('respondent', data.responseId),
                      received_at: metadata.occurredAt,
                    },
                  ],
          };
        }),
      );
    },
    async CampaignAnswerSubmitted(db, events) {
      const questions = await db
        .selectFrom('results_questions')
        .selectAll()
        .where('questionnaire_id', 'in', [...new Set(events.map(({ data }) => data.questionnaireId))])
        .execute();
      const questionOf = new Map(questions.map((row) => [`${row.questionnaire_id}/${row.question_id}`, row]));
      await insertAnswers(
        db,
        events.map(({ data, metadata }) => {
          const context = {
            answer_id: data.answerId,
            organisation_id: metadata.organisationId,
            source: 'campaign' as const,
            campaign_id: data.campaignId,
            legacy_link_id: null,
            questionnaire_id: data.questionnaireId,
            questionnaire_version: data.questionnaireVersion,
            audience: data.audience,
            session_id: data.sessionId,
            training_action_id: data.trainingActionId,
            site: data.site,
            answered_on: data.answeredOn,
          };
          const values: Omit<ValueRow, 'low_score'>[] = [];
          for (const [questionId, value] of Object.entries(data.answers)) {
            const question = questionOf.get(`${data.questionnaireId}/${questionId}`);
            // The answer was checked against its version, whose questions this projection saw first.
            if (!question || question.kind === 'free_text') continue;
            values.push({
              ...context,
              question_id: questionId,
              kind: question.kind,
              purpose: question.purpose,
              score: typeof value === 'number' ? value : null,
              choices: typeof value === 'string' ? [value] : Array.isArray(value) ? [...value] : null,
              yes: typeof value === 'boolean' ? value : null,
            });
          }
          const comments: CommentRow[] = commentsOf(data).map(([questionId, text]) => ({
            ...context,
            id: derivedId(data.answerId, questionId),
            question_id: questionId,
            purpose: questionOf.get(`${data.questionnaireId}/${questionId}`)?.purpose ?? 'satisfaction',
            text,
            subject_id: subjectId('respondent', data.respondentId ?? data.answerId),
            received_at: metadata.occurredAt,
          }));
          return {
            row: {
              ...context,
              channel: data.channel,
              reviewed_at: null,
              reviewed_by: null,
              received_at: metadata.occurredAt,
            },
            values,
            comments,
          };
        }),
      );
    },
    async LowScoreThresholdSet(db, events) {
      const rows = lastBy(events, (event) => event.metadata.organisationId).map(
        ({ data, metadata, revision }) => ({
          organisation_id: metadata.organisationId,
          rating_at_most: data.ratingAtMost,
          nps_at_most: data.npsAtMost,
          revision,
        }),
      );
      await db
        .insertInto('results_thresholds')
        .values(rows)
        .onConflict((conflict) =>
          conflict.column('organisation_id').doUpdateSet((eb) => ({
            rating_at_most: eb.ref('excluded.rating_at_most'),
            nps_at_most: eb.ref('excluded.nps_at_most'),
            revision: eb.ref('excluded.revision'),
          })),
        )
        .execute();
      await reflag(
        db,
        rows.map((row) => row.organisation_id),
      );
    },
    async AnswerReviewed(db, events) {
      await updateRows(
        db,
        'results_answers',
        'answer_id',
        lastBy(events, (event) => event.data.answerId).map(({ data, metadata }) => ({
          answer_id: data.answerId,
          reviewed_at: metadata.occurredAt,
          reviewed_by: data.reviewedBy,
        })),
      );
    },
    async AnswerFollowUpRequested(db, events) {
      await insertRows(
        db,
        'results_follow_ups',
        events.map(({ data, metadata }) => ({
          id: data.followUpId,
          answer_id: data.answerId,
          organisation_id: metadata.organisationId,
          kind: data.kind,
          title: data.title,
          requested_by: data.requestedBy,
          requested_at: metadata.occurredAt,
        })),
      );
    },
    // A comment is its author's (the named respondent, else the answer); a follow-up's title is its requester's.
    async PersonalDataErased(db, events) {
      const respondents = subjectIdsOf(events, 'respondent');
      if (respondents.length > 0) {
        await db
          .updateTable('results_comments')
          .set({ text: ERASED })
          .where(
            'subject_id',
            'in',
            respondents.map((id) => subjectId('respondent', id)),
          )
          .execute();
      }
      const users = subjectIdsOf(events, 'user');
      if (users.length > 0) {
        await db
          .updateTable('results_follow_ups')
          .set({ title: ERASED })
          .where('requested_by', 'in', users)
          .execute();
      }
    },
  },
});
