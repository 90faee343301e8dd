import {
  findTrainingAction,
  listTrainingActions,
  sessionsOfActions,
} from '../../projections/training/queries';
import type { TrainingActionRow, TrainingSessionRow } from '../../projections/training/tables';
import { ACTION_CATEGORIES } from '../../services/training/events';
import { builder, organisationOf } from '../builder';
import { groupedBy, perRequest } from '../loader';
import { instantAndIdCursor, keysetConnection } from '../paging';

export const ActionCategoryEnum = builder.enumType('ActionCategory', {
  description: 'Category of action (article L. 6313-1 of the code du travail)',
  values: ACTION_CATEGORIES,
});

const sessionsByAction = perRequest<string, TrainingSessionRow[]>(async (context, ids) =>
  groupedBy(
    await sessionsOfActions(context.db, organisationOf(context), ids),
    (row) => row.training_action_id,
    ids,
  ),
);

/** The session type; the feedback slice adds its fields to it (see types/feedback.ts). */
export const TrainingSessionRef = builder.objectRef<TrainingSessionRow>('TrainingSession').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    startsOn: t.field({ type: 'Date', resolve: (session) => session.starts_on }),
    endsOn: t.field({ type: 'Date', resolve: (session) => session.ends_on }),
    site: t.exposeString('site'),
  }),
});

const TrainingActionRef = builder.objectRef<TrainingActionRow>('TrainingAction').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    category: t.field({ type: ActionCategoryEnum, resolve: (action) => action.category }),
    certifying: t.exposeBoolean('certifying'),
    revision: t.exposeInt('revision', { description: 'Send it as If-Match to change this action' }),
    createdAt: t.field({ type: 'DateTime', resolve: (action) => action.created_at }),
    sessions: t.field({
      type: [TrainingSessionRef],
      resolve: (action, _args, context) => sessionsByAction(context).load(action.id),
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
    description: 'Training actions of the organisation, newest first',
    resolve: (_root, args, context) =>
      keysetConnection(
        args,
        trainingActionCursor,
        (row: TrainingActionRow) => ({ createdAt: row.created_at, id: row.id }),
        (page) => listTrainingActions(context.db, organisationOf(context), page),
      ),
  }),
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

builder.queryField('trainingAction', (t) =>
  t.field({
    type: TrainingActionRef,
    nullable: true,
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      if (!UUID.test(id)) return null;
      return (await findTrainingAction(context.db, organisationOf(context), id)) ?? null;
    },
  }),
);
