import {
  feedbackCountsOfSessions,
  linksOfSessions,
  responsesOfSessions,
} from '../../projections/feedback/queries';
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

const countsBySession = perRequest<string, { responses: number; rating_sum: number } | undefined>(
  async (context, ids) => {
    const rows = await feedbackCountsOfSessions(context.db, organisationOf(context), ids);
    const byId = new Map(rows.map((row) => [row.session_id, row]));
    return ids.map((id) => byId.get(id));
  },
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
    resolve: async (session, _args, context) =>
      (await countsBySession(context).load(session.id))?.responses ?? 0,
  }),
  averageRating: t.float({
    nullable: true,
    resolve: async (session, _args, context) => {
      const counts = await countsBySession(context).load(session.id);
      return counts && counts.responses > 0 ? Number(counts.rating_sum) / counts.responses : null;
    },
  }),
}));
