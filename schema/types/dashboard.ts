import { feedbackTotals } from '../../projections/feedback/queries';
import { countTraining } from '../../projections/training/queries';
import { builder, organisationOf } from '../builder';

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
      const organisationId = organisationOf(context);
      const [training, feedback] = await Promise.all([
        countTraining(context.db, organisationId),
        feedbackTotals(context.db, organisationId),
      ]);
      return { ...training, feedback: feedback.count, average: feedback.average };
    },
  }),
);
