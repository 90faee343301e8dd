import { GraphQLError } from 'graphql';
import { type PublicationDraft, publicationDraft, SATISFIED_FROM } from '../../projections/publication/draft';
import {
  resultsPageOf,
  type SnapshotStatus,
  snapshotsOf,
  statusOf,
} from '../../projections/publication/queries';
import type { ResultsSnapshotRow } from '../../projections/publication/tables';
import { findTrainingAction } from '../../projections/training/queries';
import { parisDate } from '../../services/kernel/paris-time';
import { SCOPE_KINDS } from '../../services/publication/events';
import { freshnessOf, isStale, publicResultsPaths } from '../../services/publication/freshness';
import { builder, isUuid, organisationOf } from '../builder';

const SnapshotStatusEnum = builder.enumType('ResultsSnapshotStatus', {
  description:
    'current: shown on the public page; superseded: a newer one of its scope is; withdrawn: taken off',
  values: ['current', 'superseded', 'withdrawn'] as const satisfies readonly SnapshotStatus[],
});
const ScopeKindEnum = builder.enumType('ResultsScopeKind', {
  description: 'Every training action of the organisation, or one of them',
  values: SCOPE_KINDS,
});
const FreshnessEnum = builder.enumType('ResultsFreshness', {
  description:
    'none: nothing published; stale: a current snapshot is older than 12 months; up_to_date otherwise',
  values: ['none', 'stale', 'up_to_date'] as const,
});

interface SnapshotView {
  row: ResultsSnapshotRow;
  status: SnapshotStatus;
  stale: boolean;
}

const ResultsSnapshotRef = builder.objectRef<SnapshotView>('ResultsSnapshot').implement({
  description: 'Result figures published for a period (RNQ indicator 2)',
  fields: (t) => ({
    id: t.id({ resolve: ({ row }) => row.id }),
    label: t.string({ resolve: ({ row }) => row.label }),
    periodFrom: t.field({ type: 'Date', resolve: ({ row }) => row.period_from }),
    periodTo: t.field({ type: 'Date', resolve: ({ row }) => row.period_to }),
    scopeKind: t.field({
      type: ScopeKindEnum,
      resolve: ({ row }) => (row.training_action_id ? 'training_action' : 'organisation'),
    }),
    trainingActionId: t.id({ nullable: true, resolve: ({ row }) => row.training_action_id }),
    trainingActionTitle: t.string({
      nullable: true,
      description: 'The action’s title when the figures were published',
      resolve: ({ row }) => row.training_action_title,
    }),
    trainees: t.int({ resolve: ({ row }) => row.trainees }),
    respondents: t.int({ resolve: ({ row }) => row.respondents }),
    responseRate: t.float({
      description: 'Computed: respondents ÷ trainees, %',
      resolve: ({ row }) => row.response_rate,
    }),
    satisfactionAverage: t.float({ nullable: true, resolve: ({ row }) => row.satisfaction_average }),
    satisfiedShare: t.float({ nullable: true, resolve: ({ row }) => row.satisfied_share }),
    completionRate: t.float({ resolve: ({ row }) => row.completion_rate }),
    dropOutRate: t.float({ resolve: ({ row }) => row.drop_out_rate }),
    successRate: t.float({ nullable: true, resolve: ({ row }) => row.success_rate }),
    note: t.string({ nullable: true, resolve: ({ row }) => row.note }),
    publishedOn: t.field({ type: 'Date', resolve: ({ row }) => row.published_on }),
    publishedAt: t.field({ type: 'DateTime', resolve: ({ row }) => row.published_at }),
    supersedesId: t.id({ nullable: true, resolve: ({ row }) => row.supersedes }),
    status: t.field({ type: SnapshotStatusEnum, resolve: ({ status }) => status }),
    stale: t.boolean({
      description: 'Current and published more than 12 months ago',
      resolve: ({ stale }) => stale,
    }),
    withdrawnAt: t.field({ type: 'DateTime', nullable: true, resolve: ({ row }) => row.withdrawn_at }),
    withdrawalReason: t.string({ nullable: true, resolve: ({ row }) => row.withdrawal_reason }),
  }),
});

interface PublicationView {
  publicId: string | null;
  revision: number;
  snapshots: SnapshotView[];
  today: string;
}

const ResultsPublicationRef = builder.objectRef<PublicationView>('ResultsPublication').implement({
  description: 'The organisation’s published results: its public page and every snapshot',
  fields: (t) => ({
    publicPath: t.string({
      nullable: true,
      description: 'The public page (no sign-in); null before the first publication',
      resolve: ({ publicId }) => (publicId ? publicResultsPaths(publicId).page : null),
    }),
    embedPath: t.string({
      nullable: true,
      description: 'The compact page to frame on the organisation’s website',
      resolve: ({ publicId }) => (publicId ? publicResultsPaths(publicId).embed : null),
    }),
    jsonPath: t.string({
      nullable: true,
      description: 'The same results as JSON, readable from any website',
      resolve: ({ publicId }) => (publicId ? publicResultsPaths(publicId).json : null),
    }),
    revision: t.int({
      description: 'Send it as If-Match to withdraw a snapshot (-1 before the first publication)',
      resolve: ({ revision }) => revision,
    }),
    freshness: t.field({
      type: FreshnessEnum,
      description: 'Whether to warn: nothing published, or a current snapshot older than 12 months',
      resolve: ({ snapshots, today }) =>
        freshnessOf(
          snapshots.filter((view) => view.status === 'current').map((view) => view.row.published_on),
          today,
        ),
    }),
    lastPublishedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The newest publication date of a snapshot still current',
      resolve: ({ snapshots }) =>
        snapshots
          .filter((view) => view.status === 'current')
          .map((view) => view.row.published_on)
          .sort()
          .at(-1) ?? null,
    }),
    snapshots: t.field({
      type: [ResultsSnapshotRef],
      description: 'Every snapshot, newest first, withdrawn ones too',
      complexity: { field: 1, multiplier: 20 },
      resolve: ({ snapshots }) => snapshots,
    }),
  }),
});

builder.queryField('resultsPublication', (t) =>
  t.field({
    type: ResultsPublicationRef,
    authScopes: { member: true },
    description:
      'The organisation’s published result figures (indicator 2), with the warning when out of date',
    resolve: async (_root, _args, context) => {
      const organisationId = organisationOf(context);
      const today = parisDate(context.clock.now());
      const [page, rows] = await Promise.all([
        resultsPageOf(context.db, organisationId),
        snapshotsOf(context.db, organisationId),
      ]);
      const statuses = statusOf(rows);
      return {
        publicId: page?.public_id ?? null,
        revision: page?.revision ?? -1,
        today,
        snapshots: rows.map((row) => {
          const status = statuses.get(row.id) ?? 'superseded';
          return { row, status, stale: status === 'current' && isStale(row.published_on, today) };
        }),
      };
    },
  }),
);

interface DraftView extends PublicationDraft {
  periodFrom: string;
  periodTo: string;
  trainingActionId: string | null;
  trainingActionTitle: string | null;
}

const PublicationDraftRef = builder.objectRef<DraftView>('PublicationDraft').implement({
  description:
    'Figures to prefill a publication with, from learners’ answers to the questionnaires over a period; completion and drop-out are not known from them',
  fields: (t) => ({
    periodFrom: t.field({ type: 'Date', resolve: (draft) => draft.periodFrom }),
    periodTo: t.field({ type: 'Date', resolve: (draft) => draft.periodTo }),
    trainingActionId: t.exposeID('trainingActionId', { nullable: true }),
    trainingActionTitle: t.exposeString('trainingActionTitle', { nullable: true }),
    respondents: t.exposeInt('respondents', {
      description: 'Learners’ answers received in the period, through every kind of link',
    }),
    trainees: t.exposeInt('trainees', {
      nullable: true,
      description: 'Learners asked by name in the campaigns sent in the period; null when nobody was',
    }),
    responseRate: t.exposeFloat('responseRate', {
      nullable: true,
      description: 'Respondents ÷ trainees, %, one decimal; null without trainees',
    }),
    ratedRespondents: t.exposeInt('ratedRespondents', {
      description: 'Respondents who gave at least one satisfaction rating (1–5)',
    }),
    satisfactionAverage: t.exposeFloat('satisfactionAverage', {
      nullable: true,
      description: 'The mean of every satisfaction rating (1–5), one decimal',
    }),
    satisfiedShare: t.exposeFloat('satisfiedShare', {
      nullable: true,
      description: `Share of rated respondents whose own mean satisfaction rating is ${SATISFIED_FROM} or more, %`,
    }),
  }),
});

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

builder.queryField('publicationDraft', (t) =>
  t.field({
    type: PublicationDraftRef,
    authScopes: { member: true },
    description:
      'Figures drawn from the survey results of a period (and one training action) to prefill a publication',
    args: {
      from: t.arg({ type: 'Date', required: true }),
      to: t.arg({ type: 'Date', required: true }),
      trainingActionId: t.arg.id({ required: false }),
    },
    resolve: async (_root, args, context) => {
      const organisationId = organisationOf(context);
      if (args.from > args.to) throw badInput('The period ends before it starts');
      const actionId = args.trainingActionId == null ? null : String(args.trainingActionId);
      let trainingActionTitle: string | null = null;
      if (actionId !== null) {
        // Another organisation's action answers like a missing one.
        const action = isUuid(actionId)
          ? await findTrainingAction(context.db, organisationId, actionId)
          : undefined;
        if (!action) {
          throw new GraphQLError('No such training action', { extensions: { code: 'NOT_FOUND' } });
        }
        trainingActionTitle = action.title;
      }
      const draft = await publicationDraft(context.db, organisationId, {
        from: args.from,
        to: args.to,
        trainingActionId: actionId,
      });
      return {
        ...draft,
        periodFrom: args.from,
        periodTo: args.to,
        trainingActionId: actionId,
        trainingActionTitle,
      };
    },
  }),
);
