import { GraphQLError } from 'graphql';
import type { NpsFigures } from '../../projections/results/aggregate';
import {
  answerCounts,
  type CommentRow,
  commentsOf,
  followUpsOfAnswers,
  monthlyTrend,
  type QuestionResult,
  questionResults,
  type ResultsFilter,
  type TrendPoint,
  thresholdOf,
} from '../../projections/results/queries';
import type { FollowUpRow } from '../../projections/results/tables';
import { can } from '../../services/kernel/auth';
import { QUESTION_PURPOSES, type QuestionPurpose } from '../../services/questionnaire/events';
import { FOLLOW_UP_KINDS } from '../../services/results/events';
import { builder, isUuid, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';
import { groupedBy, perRequest } from '../loader';
import { instantAndIdCursor, keysetConnection } from '../paging';
import { AudienceEnum } from './feedback';

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** Free comments are personal data: for those who act on them and auditors, not every member. */
const commentReaderOrganisationOf = (context: GraphQLContext) => {
  const organisationId = organisationOf(context);
  if (!context.viewer || !can(context.viewer.role, 'feedback:comments')) {
    throw new GraphQLError('Only quality managers, administrators and auditors read comments', {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  return organisationId;
};

const PurposeEnum = builder.enumType('ResultsPurpose', {
  description: 'Satisfaction (indicator 30) or the assessment of learning (indicator 11): never mixed',
  values: QUESTION_PURPOSES,
});
const ResultKindEnum = builder.enumType('ResultQuestionKind', {
  values: ['rating', 'nps', 'single_choice', 'multiple_choice', 'yes_no', 'free_text'] as const,
});
const FollowUpKindEnum = builder.enumType('FollowUpKind', {
  description: 'What a follow-up requested from an answer starts: an improvement action or an incident',
  values: FOLLOW_UP_KINDS,
});

const ResultsFilterInput = builder.inputType('ResultsFilter', {
  description:
    'What results are read for; every field narrows them. Dates are Paris days, both ends included.',
  fields: (t) => ({
    from: t.field({ type: 'Date', required: false }),
    to: t.field({ type: 'Date', required: false }),
    sessionId: t.id({ required: false }),
    trainingActionId: t.id({ required: false }),
    site: t.string({ required: false }),
    audience: t.field({ type: AudienceEnum, required: false }),
    campaignId: t.id({ required: false }),
  }),
});

type FilterArg = {
  from?: string | null;
  to?: string | null;
  sessionId?: string | number | null;
  trainingActionId?: string | number | null;
  site?: string | null;
  audience?: ResultsFilter['audience'];
  campaignId?: string | number | null;
};

/** The filter as the queries take it; an id that is no UUID names nothing and is refused. */
const filterOf = (input: FilterArg | null | undefined): ResultsFilter => {
  const id = (name: string, value: string | number | null | undefined) => {
    if (value == null || value === '') return null;
    const text = String(value);
    if (!isUuid(text)) throw badInput(`${name} is not a valid id`);
    return text;
  };
  if (input?.from && input.to && input.from > input.to) throw badInput('The period ends before it starts');
  return {
    from: input?.from ?? null,
    to: input?.to ?? null,
    sessionId: id('sessionId', input?.sessionId),
    trainingActionId: id('trainingActionId', input?.trainingActionId),
    site: input?.site?.trim() || null,
    audience: input?.audience ?? null,
    campaignId: id('campaignId', input?.campaignId),
  };
};

/** The results of one filter for one organisation: each figure is read when asked, once. */
interface ResultsRoot {
  organisationId: string;
  filter: ResultsFilter;
}
interface PurposeRoot extends ResultsRoot {
  purpose: QuestionPurpose;
}

const LocalisedRef = builder.objectRef<{ fr: string; en: string | null }>('ResultText').implement({
  description: 'A label in French, and in English when written',
  fields: (t) => ({ fr: t.exposeString('fr'), en: t.exposeString('en', { nullable: true }) }),
});

const DistributionRef = builder
  .objectRef<QuestionResult['distribution'][number]>('ResultDistributionItem')
  .implement({
    description: 'How many answers gave one value: a score, an option id, `yes` or `no`',
    fields: (t) => ({
      value: t.exposeString('value'),
      label: t.expose('label', { type: LocalisedRef, nullable: true, description: 'The option’s label' }),
      count: t.exposeInt('count'),
    }),
  });

const NpsRef = builder.objectRef<NpsFigures>('NpsFigures').implement({
  description: 'Promoters answer 9–10, passives 7–8, detractors 0–6; the score is % promoters − % detractors',
  fields: (t) => ({
    promoters: t.exposeInt('promoters'),
    passives: t.exposeInt('passives'),
    detractors: t.exposeInt('detractors'),
    score: t.exposeInt('score', { nullable: true }),
  }),
});

const QuestionResultRef = builder.objectRef<QuestionResult>('QuestionResult').implement({
  fields: (t) => ({
    questionnaireId: t.exposeID('questionnaireId', {
      nullable: true,
      description: 'Null for the built-in questionnaire of the first one-question form',
    }),
    questionnaireTitle: t.expose('questionnaireTitle', { type: LocalisedRef }),
    questionId: t.exposeString('questionId'),
    label: t.expose('label', { type: LocalisedRef }),
    kind: t.field({ type: ResultKindEnum, resolve: (row) => row.kind }),
    purpose: t.field({ type: PurposeEnum, resolve: (row) => row.purpose }),
    answerCount: t.exposeInt('answers'),
    average: t.exposeFloat('average', { nullable: true, description: 'Ratings and NPS only' }),
    distribution: t.expose('distribution', {
      type: [DistributionRef],
      complexity: { field: 1, multiplier: 11 },
    }),
    nps: t.expose('nps', { type: NpsRef, nullable: true }),
  }),
});

const PurposeResultsRef = builder.objectRef<PurposeRoot>('PurposeResults').implement({
  description: 'The results of the questions of one purpose',
  fields: (t) => ({
    purpose: t.field({ type: PurposeEnum, resolve: (root) => root.purpose }),
    answerCount: t.int({
      description: 'Answers that answered at least one question of this purpose',
      resolve: async (root, _args, context) =>
        (await answerCounts(context.db, root.organisationId, { ...root.filter, purpose: root.purpose }))
          .answers,
    }),
    questions: t.field({
      type: [QuestionResultRef],
      complexity: { field: 5, multiplier: 20 },
      resolve: (root, _args, context) =>
        questionResults(context.db, root.organisationId, { ...root.filter, purpose: root.purpose }),
    }),
  }),
});

const TrendPointRef = builder.objectRef<TrendPoint>('ResultsTrendPoint').implement({
  description: 'Satisfaction in one Paris month',
  fields: (t) => ({
    month: t.exposeString('month', { description: 'YYYY-MM' }),
    ratingAnswerCount: t.exposeInt('ratingAnswers'),
    ratingAverage: t.exposeFloat('ratingAverage', { nullable: true }),
    npsAnswerCount: t.exposeInt('npsAnswers'),
    npsScore: t.exposeInt('npsScore', { nullable: true }),
  }),
});

const ThresholdRef = builder
  .objectRef<{ ratingAtMost: number; npsAtMost: number; revision: number }>('LowScoreThreshold')
  .implement({
    description: 'Satisfaction ratings and NPS at or under these are flagged to review',
    fields: (t) => ({
      ratingAtMost: t.exposeInt('ratingAtMost'),
      npsAtMost: t.exposeInt('npsAtMost'),
      revision: t.exposeInt('revision', { description: 'Send it as If-Match; -1 while the defaults apply' }),
      isDefault: t.boolean({ resolve: (row) => row.revision === -1 }),
    }),
  });

const FollowUpRef = builder.objectRef<FollowUpRow>('AnswerFollowUp').implement({
  description: 'A follow-up requested from an answer, recorded for the actions and incidents registers',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: FollowUpKindEnum, resolve: (row) => row.kind }),
    title: t.exposeString('title'),
    requestedAt: t.field({ type: 'DateTime', resolve: (row) => row.requested_at }),
  }),
});

const followUpsByAnswer = perRequest<string, FollowUpRow[]>(async (context, answerIds) =>
  groupedBy(
    await followUpsOfAnswers(context.db, organisationOf(context), answerIds),
    (row) => row.answer_id,
    answerIds,
  ),
);

const CommentRef = builder.objectRef<CommentRow>('ResultComment').implement({
  description: 'A free-text answer, with the review state of its answer',
  fields: (t) => ({
    id: t.exposeID('id'),
    answerId: t.exposeID('answer_id'),
    questionnaireId: t.exposeID('questionnaire_id', { nullable: true }),
    questionId: t.exposeString('question_id'),
    purpose: t.field({ type: PurposeEnum, resolve: (row) => row.purpose }),
    text: t.exposeString('text', { description: 'As written; “[effacé]” once its author was erased' }),
    answeredOn: t.field({ type: 'Date', resolve: (row) => row.answered_on }),
    audience: t.field({ type: AudienceEnum, resolve: (row) => row.audience }),
    site: t.exposeString('site', { nullable: true }),
    lowScore: t.exposeBoolean('low_score', { description: 'Its answer gave a low satisfaction score' }),
    reviewedAt: t.field({ type: 'DateTime', nullable: true, resolve: (row) => row.reviewed_at }),
    followUps: t.field({
      type: [FollowUpRef],
      complexity: { field: 2, multiplier: 2 },
      resolve: (row, _args, context) => followUpsByAnswer(context).load(row.answer_id),
    }),
  }),
});

const commentCursor = instantAndIdCursor(
  (key: { receivedAt: Date; id: string }) => [key.receivedAt, key.id],
  (receivedAt, id) => ({ receivedAt, id }),
);

const countsOf = perRequest<ResultsRoot, Awaited<ReturnType<typeof answerCounts>>>((context, roots) =>
  Promise.all(roots.map((root) => answerCounts(context.db, root.organisationId, root.filter))),
);

const ResultsRef = builder.objectRef<ResultsRoot>('Results').implement({
  description: 'Answers to questionnaires (and to the first one-question form) for a filter',
  fields: (t) => ({
    answerCount: t.int({
      resolve: async (root, _a, context) => (await countsOf(context).load(root)).answers,
    }),
    personalAnswerCount: t.int({
      description: 'Answers through personal links (those the response rate counts)',
      resolve: async (root, _a, context) => (await countsOf(context).load(root)).personalAnswers,
    }),
    askedCount: t.int({
      description: 'People asked by name in the campaigns the filter selects',
      resolve: async (root, _a, context) => (await countsOf(context).load(root)).asked,
    }),
    responseRate: t.float({
      nullable: true,
      description: 'Personal-link answers ÷ people asked (0–1); null when nobody was asked by name',
      resolve: async (root, _a, context) => (await countsOf(context).load(root)).responseRate,
    }),
    lowScoreCount: t.int({
      description: 'Answers with a satisfaction score at or under the threshold',
      resolve: async (root, _a, context) => (await countsOf(context).load(root)).lowScore,
    }),
    toReviewCount: t.int({
      description: 'Low-score answers nobody has reviewed yet',
      resolve: async (root, _a, context) => (await countsOf(context).load(root)).lowScoreUnreviewed,
    }),
    satisfaction: t.field({
      type: PurposeResultsRef,
      description: 'Indicator 30',
      resolve: (root) => ({ ...root, purpose: 'satisfaction' as const }),
    }),
    learningAssessment: t.field({
      type: PurposeResultsRef,
      description: 'Indicator 11',
      resolve: (root) => ({ ...root, purpose: 'learning_assessment' as const }),
    }),
    trend: t.field({
      type: [TrendPointRef],
      description: 'Satisfaction per Paris month (average rating, NPS), oldest first',
      complexity: { field: 5, multiplier: 12 },
      resolve: (root, _a, context) => monthlyTrend(context.db, root.organisationId, root.filter),
    }),
    threshold: t.field({
      type: ThresholdRef,
      resolve: (root, _a, context) => thresholdOf(context.db, root.organisationId),
    }),
    canReadComments: t.boolean({
      resolve: (_root, _a, context) => !!context.viewer && can(context.viewer.role, 'feedback:comments'),
    }),
    comments: t.connection({
      type: CommentRef,
      description:
        'Free-text answers, newest first (quality managers, administrators and auditors); one purpose when asked',
      args: {
        purpose: t.arg({ type: PurposeEnum, required: false }),
        unreviewedOnly: t.arg.boolean({ defaultValue: false }),
      },
      resolve: (root, args, context) => {
        const organisationId = commentReaderOrganisationOf(context);
        return keysetConnection(
          args,
          commentCursor,
          (row: CommentRow) => ({ receivedAt: new Date(row.received_at), id: row.id }),
          (page) =>
            commentsOf(
              context.db,
              organisationId,
              { ...root.filter, purpose: args.purpose, unreviewedOnly: args.unreviewedOnly ?? false },
              page,
            ),
        );
      },
    }),
  }),
});

builder.queryField('results', (t) =>
  t.field({
    type: ResultsRef,
    authScopes: { member: true },
    description:
      'The organisation’s survey results for a filter (every member reads figures; comments are narrower)',
    args: { filter: t.arg({ type: ResultsFilterInput, required: false }) },
    resolve: (_root, args, context) => ({
      organisationId: organisationOf(context),
      filter: filterOf(args.filter),
    }),
  }),
);
