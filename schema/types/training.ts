import {
  findSession,
  findTrainingAction,
  listTrainingActions,
  sessionsOfActions,
  trainingActionsByIds,
  trainingHistory,
} from '../../projections/training/queries';
import type {
  TrainingActionRow,
  TrainingHistoryRow,
  TrainingSessionRow,
} from '../../projections/training/tables';
import { ACTION_CATEGORIES, trainingEventTypes } from '../../services/training/events';
import { builder, isUuid, organisationOf } from '../builder';
import { groupedBy, perRequest } from '../loader';
import { instantAndIdCursor, keysetConnection } from '../paging';

export const ActionCategoryEnum = builder.enumType('ActionCategory', {
  description: 'Category of action (article L. 6313-1 of the code du travail)',
  values: ACTION_CATEGORIES,
});

const TrainingChangeKindEnum = builder.enumType('TrainingChangeKind', {
  description: 'What a change of a training action or a session did (its event type)',
  values: trainingEventTypes,
});

const sessionsByAction = perRequest<string, TrainingSessionRow[]>(async (context, ids) =>
  groupedBy(
    await sessionsOfActions(context.db, organisationOf(context), ids),
    (row) => row.training_action_id,
    ids,
  ),
);

const actionsById = perRequest<string, TrainingActionRow | undefined>(async (context, ids) => {
  const rows = await trainingActionsByIds(context.db, organisationOf(context), ids);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id));
});

const historyOfActions = perRequest<string, TrainingHistoryRow[]>(async (context, ids) =>
  groupedBy(
    await trainingHistory(context.db, organisationOf(context), { actionIds: ids }),
    (row) => row.training_action_id,
    ids,
  ),
);

const historyOfSessions = perRequest<string, TrainingHistoryRow[]>(async (context, ids) =>
  groupedBy(
    await trainingHistory(context.db, organisationOf(context), { sessionIds: ids }),
    (row) => row.session_id ?? '',
    ids,
  ),
);

const TrainingChangeRef = builder.objectRef<TrainingHistoryRow>('TrainingChange').implement({
  description: 'One change of a training action or a session: what it set, who made it, when and why',
  fields: (t) => ({
    id: t.exposeID('event_id'),
    kind: t.field({ type: TrainingChangeKindEnum, resolve: (row) => row.change }),
    at: t.field({ type: 'DateTime', resolve: (row) => row.occurred_at }),
    actorName: t.exposeString('actor_name', {
      nullable: true,
      description: 'Display name of the member who made it (null for the system)',
    }),
    reason: t.exposeString('reason', { nullable: true }),
    title: t.exposeString('title', { nullable: true }),
    category: t.field({ type: ActionCategoryEnum, nullable: true, resolve: (row) => row.category }),
    certifying: t.exposeBoolean('certifying', { nullable: true }),
    startsOn: t.field({ type: 'Date', nullable: true, resolve: (row) => row.starts_on }),
    endsOn: t.field({ type: 'Date', nullable: true, resolve: (row) => row.ends_on }),
    site: t.exposeString('site', { nullable: true }),
  }),
});

/** The session type; the feedback slice adds its fields to it (see types/feedback.ts). */
export const TrainingSessionRef = builder.objectRef<TrainingSessionRow>('TrainingSession');

const TrainingActionRef = builder.objectRef<TrainingActionRow>('TrainingAction').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    category: t.field({ type: ActionCategoryEnum, resolve: (action) => action.category }),
    certifying: t.exposeBoolean('certifying'),
    archived: t.exposeBoolean('archived'),
    revision: t.exposeInt('revision', {
      description: 'Send it as If-Match to change this action or one of its sessions',
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (action) => action.created_at }),
    sessions: t.field({
      type: [TrainingSessionRef],
      args: { includeArchived: t.arg.boolean({ defaultValue: false }) },
      resolve: async (action, args, context) => {
        const sessions = await sessionsByAction(context).load(action.id);
        return args.includeArchived ? sessions : sessions.filter((session) => !session.archived);
      },
    }),
    history: t.field({
      type: [TrainingChangeRef],
      description: 'Every change of the action itself, oldest first',
      resolve: (action, _args, context) => historyOfActions(context).load(action.id),
    }),
  }),
});

TrainingSessionRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    startsOn: t.field({ type: 'Date', resolve: (session) => session.starts_on }),
    endsOn: t.field({ type: 'Date', resolve: (session) => session.ends_on }),
    site: t.exposeString('site'),
    cancelled: t.exposeBoolean('cancelled'),
    archived: t.exposeBoolean('archived'),
    trainingAction: t.field({
      type: TrainingActionRef,
      resolve: async (session, _args, context) => {
        const action = await actionsById(context).load(session.training_action_id);
        if (!action) throw new Error(`Session ${session.id} has no training action`);
        return action;
      },
    }),
    history: t.field({
      type: [TrainingChangeRef],
      description: 'Every change of the session since it was scheduled, oldest first',
      resolve: (session, _args, context) => historyOfSessions(context).load(session.id),
    }),
  }),
});

const trainingActionCursor = instantAndIdCursor(
  (row: { createdAt: Date; id: string }) => [row.createdAt, row.id],
  (createdAt, id) => ({ createdAt, id }),
);

builder.queryField('trainingActions', (t) =>
  t.connection({
    type: TrainingActionRef,
    authScopes: { member: true },
    description: 'Training actions of the organisation, newest first; archived ones only when asked',
    args: { includeArchived: t.arg.boolean({ defaultValue: false }) },
    resolve: (_root, args, context) =>
      keysetConnection(
        args,
        trainingActionCursor,
        (row: TrainingActionRow) => ({ createdAt: row.created_at, id: row.id }),
        (page) =>
          listTrainingActions(context.db, organisationOf(context), page, {
            includeArchived: args.includeArchived ?? false,
          }),
      ),
  }),
);

builder.queryField('trainingAction', (t) =>
  t.field({
    type: TrainingActionRef,
    nullable: true,
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      if (!isUuid(id)) return null;
      return (await findTrainingAction(context.db, organisationOf(context), id)) ?? null;
    },
  }),
);

builder.queryField('trainingSession', (t) =>
  t.field({
    type: TrainingSessionRef,
    nullable: true,
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      if (!isUuid(id)) return null;
      return (await findSession(context.db, organisationOf(context), id)) ?? null;
    },
  }),
);
