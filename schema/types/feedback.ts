import { linksOfSessions, responsesOfSessions } from '../../projections/feedback/queries';
import type { FeedbackLinkRow, FeedbackResponseRow } from '../../projections/feedback/tables';
import { LINK_STATUSES, linkStatus } from '../../services/feedback/decider';
import { AUDIENCES } from '../../services/feedback/events';
import { builder, organisationOf } from '../builder';
import { groupedBy, perRequest } from '../loader';
import { TrainingSessionRef } from './training';

export const AudienceEnum = builder.enumType('Audience', {
  description: 'The stakeholder groups of indicator 30',
  values: AUDIENCES,
});

const FeedbackLinkStatusEnum = builder.enumType('FeedbackLinkStatus', { values: LINK_STATUSES });

const linksBySession = perRequest<string, FeedbackLinkRow[]>(async (context, ids) =>
  groupedBy(await linksOfSessions(context.db, organisationOf(context), ids), (row) => row.session_id, ids),
);
const responsesBySession = perRequest<string, FeedbackResponseRow[]>(async (context, ids) =>
  groupedBy(
    await responsesOfSessions(context.db, organisationOf(context), ids),
    (row) => row.session_id,
    ids,
  ),
);

const FeedbackLinkRef = builder.objectRef<FeedbackLinkRow>('FeedbackLink').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    audience: t.field({ type: AudienceEnum, resolve: (link) => link.audience }),
    createdAt: t.field({ type: 'DateTime', resolve: (link) => link.created_at }),
    expiresAt: t.field({ type: 'DateTime', resolve: (link) => link.expires_at }),
    responseCount: t.exposeInt('response_count'),
    status: t.field({
      type: FeedbackLinkStatusEnum,
      resolve: (link, _args, context) =>
        linkStatus({ closed: link.closed_at !== null, expiresAt: link.expires_at }, context.clock.now()),
    }),
  }),
});

const FeedbackResponseRef = builder.objectRef<FeedbackResponseRow>('FeedbackResponse').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    audience: t.field({ type: AudienceEnum, resolve: (response) => response.audience }),
    rating: t.exposeInt('rating'),
    comment: t.exposeString('comment', { nullable: true }),
    submittedAt: t.field({ type: 'DateTime', resolve: (response) => response.submitted_at }),
  }),
});

const average = (responses: FeedbackResponseRow[]) =>
  responses.length === 0
    ? null
    : responses.reduce((sum, response) => sum + response.rating, 0) / responses.length;

builder.objectFields(TrainingSessionRef, (t) => ({
  feedbackLinks: t.field({
    type: [FeedbackLinkRef],
    resolve: (session, _args, context) => linksBySession(context).load(session.id),
  }),
  responses: t.field({
    type: [FeedbackResponseRef],
    resolve: (session, _args, context) => responsesBySession(context).load(session.id),
  }),
  feedbackCount: t.int({
    resolve: async (session, _args, context) => (await responsesBySession(context).load(session.id)).length,
  }),
  averageRating: t.float({
    nullable: true,
    resolve: async (session, _args, context) => average(await responsesBySession(context).load(session.id)),
  }),
}));
