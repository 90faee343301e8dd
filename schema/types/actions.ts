import { GraphQLError } from 'graphql';
import {
  actionOwners,
  actionsByOrigin,
  burndown,
  filesOfActions,
  findAction,
  historyOfActions,
  listActions,
  originShare,
  planCounters,
} from '../../projections/actions/queries';
import type {
  ImprovementActionFileRow,
  ImprovementActionHistoryRow,
  ImprovementActionRow,
} from '../../projections/actions/tables';
import { memberNames } from '../../projections/complaints/queries';
import { ACTION_STATUSES } from '../../services/actions/decider';
import {
  ACTION_PRIORITIES,
  ACTION_TYPES,
  type ActionOrigin,
  CANCEL_REASONS,
  EFFECTIVENESS_OUTCOMES,
  NOT_EFFECTIVE_NEXT,
  ORIGIN_TYPES,
} from '../../services/actions/events';
import { readsActionText } from '../../services/actions/reading';
import { parisDate } from '../../services/kernel/paris-time';
import { ERASED } from '../../services/privacy/declarations';
import { builder, isUuid, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';
import { groupedBy, perRequest } from '../loader';

const ActionStatusEnum = builder.enumType('ImprovementActionStatus', { values: ACTION_STATUSES });
const ActionTypeEnum = builder.enumType('ImprovementActionType', { values: ACTION_TYPES });
const ActionPriorityEnum = builder.enumType('ImprovementActionPriority', { values: ACTION_PRIORITIES });
const OriginTypeEnum = builder.enumType('ImprovementActionOriginType', {
  description:
    'What fed the action: an answer or results, a complaint, a difficulty or disruption, a watch note…',
  values: ORIGIN_TYPES,
});
const OutcomeEnum = builder.enumType('EffectivenessOutcome', { values: EFFECTIVENESS_OUTCOMES });
const NextEnum = builder.enumType('NotEffectiveNext', { values: NOT_EFFECTIVE_NEXT });
const CancelReasonEnum = builder.enumType('ImprovementActionCancelReason', { values: CANCEL_REASONS });
const StepEnum = builder.enumType('ImprovementActionStepKind', {
  values: ['planned', 'edited', 'started', 'progress', 'evidence', 'done', 'checked', 'cancelled'] as const,
});

const today = (context: GraphQLContext) => parisDate(context.clock.now());

const readsText = (context: GraphQLContext, subject: string) =>
  context.viewer ? readsActionText(context.viewer.role, subject) : false;
const text = <Value>(context: GraphQLContext, row: { subject: string }, value: Value): Value | null =>
  readsText(context, row.subject) ? value : null;
const open = (row: ImprovementActionRow) => row.status === 'planned' || row.status === 'in_progress';

const namesById = perRequest<string, string | null>(async (context, ids) => {
  const rows = await memberNames(context.db, organisationOf(context), ids);
  const names = new Map(rows.map((row) => [row.user_id, row.display_name]));
  return ids.map((id) => names.get(id) ?? null);
});
const nameOf = (context: GraphQLContext, id: string | null) =>
  id === null ? null : namesById(context).load(id);

const historyById = perRequest<string, ImprovementActionHistoryRow[]>(async (context, ids) =>
  groupedBy(await historyOfActions(context.db, organisationOf(context), ids), (row) => row.action_id, ids),
);
const filesById = perRequest<string, ImprovementActionFileRow[]>(async (context, ids) =>
  groupedBy(await filesOfActions(context.db, organisationOf(context), ids), (row) => row.action_id, ids),
);

const OriginRef = builder.objectRef<ActionOrigin>('ImprovementActionOrigin').implement({
  fields: (t) => ({
    type: t.field({ type: OriginTypeEnum, resolve: (origin) => origin.type }),
    id: t.exposeID('id', { nullable: true }),
    indicator: t.exposeInt('indicator', {
      nullable: true,
      description: 'For a non-conformity, its indicator',
    }),
  }),
});

const detail = <Value>(row: ImprovementActionHistoryRow, key: string) =>
  (row.details[key] ?? null) as Value | null;

const StepRef = builder.objectRef<ImprovementActionHistoryRow>('ImprovementActionStep').implement({
  fields: (t) => ({
    revision: t.exposeInt('revision'),
    step: t.field({ type: StepEnum, resolve: (row) => row.step as 'planned' }),
    text: t.exposeString('text', {
      nullable: true,
      description:
        'The progress note, what was done, the check’s comment or the cancellation note; "[effacé]" once erased',
    }),
    on: t.field({ type: 'Date', nullable: true, resolve: (row) => detail<string>(row, 'on') }),
    outcome: t.field({ type: OutcomeEnum, nullable: true, resolve: (row) => detail(row, 'outcome') }),
    next: t.field({ type: NextEnum, nullable: true, resolve: (row) => detail(row, 'next') }),
    followUpActionId: t.id({ nullable: true, resolve: (row) => detail<string>(row, 'followUpActionId') }),
    reason: t.field({ type: CancelReasonEnum, nullable: true, resolve: (row) => detail(row, 'reason') }),
    fileName: t.string({ nullable: true, resolve: (row) => detail<string>(row, 'fileName') }),
    changedBy: t.exposeID('changed_by', { nullable: true }),
    changedByName: t.string({
      nullable: true,
      resolve: (row, _args, context) => nameOf(context, row.changed_by),
    }),
    changedAt: t.field({ type: 'DateTime', resolve: (row) => row.changed_at }),
  }),
});

const FileRef = builder.objectRef<ImprovementActionFileRow>('ImprovementActionFile').implement({
  fields: (t) => ({
    id: t.exposeID('file_id'),
    fileName: t.exposeString('file_name'),
    contentType: t.exposeString('content_type'),
    size: t.exposeInt('size'),
    attachedAt: t.field({ type: 'DateTime', resolve: (row) => row.attached_at }),
    downloadPath: t.string({
      resolve: (row) => `/api/improvement-actions/${row.action_id}/evidence/${row.file_id}`,
    }),
  }),
});

export const ImprovementActionRef = builder.objectRef<ImprovementActionRow>('ImprovementAction').implement({
  description: 'An improvement action of the plan (indicator 32): corrective, preventive or improvement',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.string({
      nullable: true,
      description:
        '"[effacé]" once the subject it quotes was erased; null for who may not read the record it came from',
      resolve: (row, _args, context) => text(context, row, row.title),
    }),
    description: t.string({
      nullable: true,
      resolve: (row, _args, context) => text(context, row, row.description),
    }),
    detailsHidden: t.boolean({
      description: 'The title and free text quote a record this viewer may not read',
      resolve: (row, _args, context) => !readsText(context, row.subject),
    }),
    erased: t.boolean({ resolve: (row) => row.title === ERASED }),
    type: t.field({ type: ActionTypeEnum, resolve: (row) => row.type }),
    priority: t.field({ type: ActionPriorityEnum, resolve: (row) => row.priority }),
    status: t.field({ type: ActionStatusEnum, resolve: (row) => row.status }),
    ownerId: t.exposeID('owner_id'),
    ownerName: t.string({ nullable: true, resolve: (row, _args, context) => nameOf(context, row.owner_id) }),
    dueOn: t.field({ type: 'Date', nullable: true, resolve: (row) => row.due_on }),
    toSchedule: t.boolean({
      description: 'Open and without a due date yet',
      resolve: (row) => open(row) && row.due_on === null,
    }),
    overdue: t.boolean({
      description: 'Open and past its due date (the Paris day of the read)',
      resolve: (row, _args, context) => open(row) && row.due_on !== null && row.due_on < today(context),
    }),
    origins: t.field({ type: [OriginRef], resolve: (row) => row.origins }),
    effectiveness: t.field({ type: OutcomeEnum, nullable: true, resolve: (row) => row.effectiveness }),
    followUpOf: t.exposeID('follow_up_of', { nullable: true }),
    followUpActionId: t.exposeID('follow_up_action_id', { nullable: true }),
    startedOn: t.field({ type: 'Date', nullable: true, resolve: (row) => row.started_on }),
    doneOn: t.field({ type: 'Date', nullable: true, resolve: (row) => row.done_on }),
    revision: t.exposeInt('revision', { description: 'Send it as If-Match with the next step' }),
    plannedAt: t.field({ type: 'DateTime', resolve: (row) => row.planned_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (row) => row.updated_at }),
    history: t.field({
      type: [StepRef],
      description: 'Every step, oldest first, with who and when',
      resolve: (row, _args, context) => historyById(context).load(row.id),
    }),
    files: t.field({
      type: [FileRef],
      description: 'The evidence files, in the order attached',
      resolve: (row, _args, context) => filesById(context).load(row.id),
    }),
  }),
});

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

builder.queryField('improvementActions', (t) =>
  t.field({
    type: [ImprovementActionRef],
    authScopes: { member: true },
    description:
      'The improvement plan, those to schedule first then by due date; dueFrom and dueTo are inclusive Paris dates',
    args: {
      status: t.arg({ type: ActionStatusEnum, required: false }),
      originType: t.arg({ type: OriginTypeEnum, required: false }),
      ownerId: t.arg.id({ required: false }),
      dueFrom: t.arg({ type: 'Date', required: false }),
      dueTo: t.arg({ type: 'Date', required: false }),
      overdue: t.arg.boolean({ required: false }),
    },
    resolve: (_root, args, context) => {
      if (args.dueFrom && args.dueTo && args.dueTo < args.dueFrom)
        throw badInput('The period ends before it starts');
      const ownerId = args.ownerId ? String(args.ownerId) : null;
      if (ownerId && !isUuid(ownerId)) return [];
      return listActions(context.db, organisationOf(context), { ...args, ownerId }, today(context));
    },
  }),
);

builder.queryField('improvementAction', (t) =>
  t.field({
    type: ImprovementActionRef,
    nullable: true,
    authScopes: { member: true },
    description: 'One improvement action with its history and files',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      if (!isUuid(id)) return null;
      return (await findAction(context.db, organisationOf(context), id)) ?? null;
    },
  }),
);

builder.queryField('actionsByOrigin', (t) =>
  t.field({
    type: [ImprovementActionRef],
    authScopes: { member: true },
    description:
      'The actions one of whose origins is this record (a complaint, an incident, an answer…), oldest first',
    args: { type: t.arg({ type: OriginTypeEnum, required: true }), id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => {
      const id = String(args.id);
      if (!isUuid(id)) return [];
      return actionsByOrigin(context.db, organisationOf(context), args.type, id);
    },
  }),
);

const CountersRef = builder
  .objectRef<Awaited<ReturnType<typeof planCounters>>>('ImprovementPlanCounters')
  .implement({
    fields: (t) => ({
      total: t.exposeInt('total'),
      planned: t.exposeInt('planned'),
      inProgress: t.exposeInt('inProgress'),
      done: t.exposeInt('done'),
      closed: t.exposeInt('closed'),
      cancelled: t.exposeInt('cancelled'),
      overdue: t.exposeInt('overdue'),
      toSchedule: t.exposeInt('toSchedule'),
    }),
  });

const BurndownRef = builder
  .objectRef<Awaited<ReturnType<typeof burndown>>[number]>('ImprovementPlanWeek')
  .implement({
    fields: (t) => ({
      weekOf: t.field({ type: 'Date', resolve: (point) => point.weekOf }),
      open: t.exposeInt('open', { description: 'Actions open at the end of the week' }),
    }),
  });

const ShareRef = builder
  .objectRef<Awaited<ReturnType<typeof originShare>>>('ImprovementOriginShare')
  .implement({
    description:
      'Of the actions planned over a period (cancelled ones left out), those fed by feedback and by complaints',
    fields: (t) => ({
      total: t.exposeInt('total'),
      fromFeedback: t.exposeInt('fromFeedback'),
      fromComplaints: t.exposeInt('fromComplaints'),
    }),
  });

builder.queryField('improvementPlanCounters', (t) =>
  t.field({
    type: CountersRef,
    authScopes: { member: true },
    resolve: (_root, _args, context) => planCounters(context.db, organisationOf(context), today(context)),
  }),
);

builder.queryField('improvementPlanBurndown', (t) =>
  t.field({
    type: [BurndownRef],
    authScopes: { member: true },
    description:
      'Open actions at the end of each of the last 26 weeks (Monday to Sunday, Paris), this week last',
    resolve: (_root, _args, context) => burndown(context.db, organisationOf(context), today(context)),
  }),
);

builder.queryField('improvementOriginShare', (t) =>
  t.field({
    type: ShareRef,
    authScopes: { member: true },
    description: 'From and to are inclusive Paris dates, at most ten years apart',
    args: { from: t.arg({ type: 'Date', required: true }), to: t.arg({ type: 'Date', required: true }) },
    resolve: (_root, args, context) => {
      if (args.to < args.from) throw badInput('The period ends before it starts');
      return originShare(context.db, organisationOf(context), args.from, args.to);
    },
  }),
);

const OwnerRef = builder
  .objectRef<{ user_id: string; display_name: string }>('ImprovementActionOwner')
  .implement({
    fields: (t) => ({ id: t.exposeID('user_id'), displayName: t.exposeString('display_name') }),
  });

builder.queryField('actionOwners', (t) =>
  t.field({
    type: [OwnerRef],
    authScopes: { member: true },
    description: 'Who may own an improvement action, by name',
    resolve: (_root, _args, context) => actionOwners(context.db, organisationOf(context)),
  }),
);
