import type { FeedbackLinkRow, FeedbackResponseRow } from '../../projections/feedback/queries';
import { feedbackTotals } from '../../projections/feedback/queries';
import {
  countTraining,
  findTrainingAction,
  listTrainingActions,
  type TrainingActionRow,
  type TrainingSessionRow,
} from '../../projections/training/queries';
import { builder } from '../builder';
import { connectionPage, decodeCursor, pageSize } from './scalars';

const FeedbackLinkRef = builder.objectRef<FeedbackLinkRow>('FeedbackLink').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    audience: t.exposeString('audience'),
    createdAt: t.field({ type: 'DateTime', resolve: (link) => link.created_at }),
    expiresAt: t.field({ type: 'DateTime', resolve: (link) => link.expires_at }),
    status: t.string({
      description: 'open, expired or closed',
      resolve: (link, _args, context) =>
        link.closed_at ? 'closed' : new Date(link.expires_at) <= context.clock.now() ? 'expired' : 'open',
    }),
  }),
});

const FeedbackResponseRef = builder.objectRef<FeedbackResponseRow>('FeedbackResponse').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    rating: t.exposeInt('rating'),
    comment: t.exposeString('comment', { nullable: true }),
    submittedAt: t.field({ type: 'DateTime', resolve: (response) => response.submitted_at }),
  }),
});

const average = (responses: FeedbackResponseRow[]) =>
  responses.length === 0
    ? null
    : responses.reduce((sum, response) => sum + response.rating, 0) / responses.length;

const TrainingSessionRef = builder.objectRef<TrainingSessionRow>('TrainingSession').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    startsOn: t.field({ type: 'Date', resolve: (session) => session.starts_on }),
    endsOn: t.field({ type: 'Date', resolve: (session) => session.ends_on }),
    site: t.exposeString('site'),
    feedbackLinks: t.field({
      type: [FeedbackLinkRef],
      resolve: (session, _args, context) => context.loaders.linksBySession.load(session.id),
    }),
    responses: t.field({
      type: [FeedbackResponseRef],
      resolve: (session, _args, context) => context.loaders.responsesBySession.load(session.id),
    }),
    feedbackCount: t.int({
      resolve: async (session, _args, context) =>
        (await context.loaders.responsesBySession.load(session.id)).length,
    }),
    averageRating: t.float({
      nullable: true,
      resolve: async (session, _args, context) =>
        average(await context.loaders.responsesBySession.load(session.id)),
    }),
  }),
});

const TrainingActionRef = builder.objectRef<TrainingActionRow>('TrainingAction').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    category: t.exposeString('category'),
    certifying: t.exposeBoolean('certifying'),
    revision: t.exposeInt('revision', { description: 'Send it as If-Match to change this action' }),
    createdAt: t.field({ type: 'DateTime', resolve: (action) => action.created_at }),
    sessions: t.field({
      type: [TrainingSessionRef],
      resolve: (action, _args, context) => context.loaders.sessionsByAction.load(action.id),
    }),
  }),
});

builder.queryField('trainingActions', (t) =>
  t.connection({
    type: TrainingActionRef,
    authScopes: { member: true },
    description: 'Training actions of the organisation, newest first',
    resolve: async (_root, args, context) => {
      const limit = pageSize(args.first);
      const cursor = decodeCursor(args.after);
      const rows = await listTrainingActions(context.db, context.viewer!.organisationId, {
        limit: limit + 1,
        before: cursor ? { createdAt: new Date(String(cursor[0])), id: String(cursor[1]) } : undefined,
      });
      return connectionPage(rows, limit, (row) => [new Date(row.created_at).toISOString(), row.id], !!cursor);
    },
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
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      return (await findTrainingAction(context.db, context.viewer!.organisationId, id)) ?? null;
    },
  }),
);

const DashboardRef = builder
  .objectRef<{ actions: number; sessions: number; feedback: number; average: number | null }>('Dashboard')
  .implement({
    fields: (t) => ({
      trainingActionCount: t.exposeInt('actions'),
      sessionCount: t.exposeInt('sessions'),
      feedbackCount: t.exposeInt('feedback'),
      averageRating: t.exposeFloat('average', { nullable: true }),
    }),
  });

builder.queryField('dashboard', (t) =>
  t.field({
    type: DashboardRef,
    authScopes: { member: true },
    resolve: async (_root, _args, context) => {
      const organisationId = context.viewer!.organisationId;
      const [training, feedback] = await Promise.all([
        countTraining(context.db, organisationId),
        feedbackTotals(context.db, organisationId),
      ]);
      return { ...training, feedback: feedback.count, average: feedback.average };
    },
  }),
);
