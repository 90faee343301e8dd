import { GraphQLError } from 'graphql';
import { nextSendingDay } from '../../projections/campaigns/next-sending';
import {
  campaignsOf,
  findCampaign,
  respondentsOfCampaign,
  sendingFactsOf,
  sharedLinksOfCampaign,
} from '../../projections/campaigns/queries';
import type {
  CampaignRespondentRow,
  CampaignRow,
  CampaignSharedLinkRow,
} from '../../projections/campaigns/tables';
import { campaignLinkPath, campaignLinkToken } from '../../services/campaign/links';
import { can } from '../../services/kernel/auth';
import { builder, isUuid, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';
import { AudienceEnum } from './feedback';

const CampaignStatusEnum = builder.enumType('CampaignStatus', {
  values: ['planned', 'closed', 'cancelled'] as const,
});
const CampaignTargetKindEnum = builder.enumType('CampaignTargetKind', {
  values: ['session', 'period'] as const,
});

/** Respondents' names and addresses are for those who run campaigns, not for every reader (auditors see counts). */
const managerOrganisationOf = (context: GraphQLContext) => {
  const organisationId = organisationOf(context);
  if (!context.viewer || !can(context.viewer.role, 'feedback:manage')) {
    throw new GraphQLError('Only those who run campaigns see who is asked', {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  return organisationId;
};

const CampaignRespondentRef = builder.objectRef<CampaignRespondentRow>('CampaignRespondent').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    firstName: t.exposeString('first_name', { nullable: true }),
    lastName: t.exposeString('last_name'),
    messages: t.exposeInt('messages', { description: 'Messages sent: the invitation, then each reminder' }),
    lastMessageAt: t.field({ type: 'DateTime', nullable: true, resolve: (row) => row.last_message_at }),
    answered: t.exposeBoolean('answered'),
    optedOut: t.exposeBoolean('opted_out'),
  }),
});

const CampaignSharedLinkRef = builder.objectRef<CampaignSharedLinkRow>('CampaignSharedLink').implement({
  description: 'A link for a room, shown as a QR code: anyone holding it may answer',
  fields: (t) => ({
    id: t.exposeID('id'),
    label: t.exposeString('label'),
    open: t.exposeBoolean('open'),
    answerCount: t.exposeInt('answers'),
    openedAt: t.field({ type: 'DateTime', resolve: (row) => row.opened_at }),
    path: t.string({
      description: 'The public form’s path (with its token); prefix it with the site’s address',
      resolve: (row, _args, context) =>
        campaignLinkPath(campaignLinkToken(context.campaignLinkKey, 'shared', row.id)),
    }),
  }),
});

const CampaignRef = builder.objectRef<CampaignRow>('Campaign').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    audience: t.field({ type: AudienceEnum, resolve: (row) => row.audience }),
    questionnaireId: t.exposeID('questionnaire_id'),
    questionnaireVersion: t.exposeInt('questionnaire_version'),
    targetKind: t.field({ type: CampaignTargetKindEnum, resolve: (row) => row.target_kind }),
    sessionId: t.exposeID('session_id', { nullable: true }),
    targetLabel: t.exposeString('target_label', {
      description: 'The session’s title, or the period’s label',
    }),
    periodFrom: t.field({ type: 'Date', nullable: true, resolve: (row) => row.period_from }),
    periodTo: t.field({ type: 'Date', nullable: true, resolve: (row) => row.period_to }),
    sendOn: t.field({ type: 'Date', resolve: (row) => row.send_on }),
    closesOn: t.field({ type: 'Date', resolve: (row) => row.closes_on }),
    reminders: t.exposeInt('reminders'),
    reminderGapDays: t.exposeInt('reminder_gap_days'),
    anonymous: t.exposeBoolean('anonymous'),
    status: t.field({ type: CampaignStatusEnum, resolve: (row) => row.status }),
    revision: t.exposeInt('revision'),
    nextSendOn: t.field({
      type: 'Date',
      nullable: true,
      description:
        'The Paris day the campaign next sends invitations or reminders (from 9:00), or null when it sends nothing more',
      complexity: 5,
      resolve: async (row, _args, context) =>
        nextSendingDay(
          {
            status: row.status,
            sendOn: row.send_on,
            closesOn: row.closes_on,
            reminderGapDays: row.reminder_gap_days,
            ...(await sendingFactsOf(context.db, row.organisation_id, row.id)),
          },
          context.clock.now(),
        ),
    }),
    respondentCount: t.exposeInt('respondents'),
    invitedCount: t.exposeInt('invited'),
    answeredCount: t.exposeInt('answered'),
    optedOutCount: t.exposeInt('opted_out'),
    answerCount: t.exposeInt('answers', {
      description: 'Answers received through personal and shared links (anonymous ones included)',
    }),
    sharedLinks: t.field({
      type: [CampaignSharedLinkRef],
      description: 'Links for rooms (feedback managers only), the newest first',
      complexity: { field: 5, multiplier: 5 },
      resolve: (row, _args, context) =>
        sharedLinksOfCampaign(context.db, managerOrganisationOf(context), row.id),
    }),
    respondents: t.field({
      type: [CampaignRespondentRef],
      description: 'Who is asked (feedback managers only); removed ones left out',
      complexity: { field: 5, multiplier: 20 },
      resolve: (row, _args, context) =>
        respondentsOfCampaign(context.db, managerOrganisationOf(context), row.id),
    }),
  }),
});

builder.queryField('campaigns', (t) =>
  t.field({
    type: [CampaignRef],
    authScopes: { member: true },
    description: 'The organisation’s feedback campaigns, latest sending first; one session’s when asked',
    args: { sessionId: t.arg.id({ required: false }) },
    resolve: (_root, args, context) =>
      campaignsOf(context.db, organisationOf(context), {
        sessionId: args.sessionId ? String(args.sessionId) : null,
      }),
  }),
);

builder.queryField('campaign', (t) =>
  t.field({
    type: CampaignRef,
    nullable: true,
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      if (!isUuid(id)) return null;
      return (await findCampaign(context.db, organisationOf(context), id)) ?? null;
    },
  }),
);
