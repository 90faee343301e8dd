import { memberNames } from '../../projections/complaints/queries';
import {
  networkMeetings,
  networkPartners,
  networkReferent,
  networkRevision,
} from '../../projections/disability-network/queries';
import type {
  DisabilityMeetingRow,
  DisabilityPartnerRow,
  DisabilityReferentRow,
} from '../../projections/disability-network/tables';
import { activeStaff } from '../../projections/team/queries';
import {
  DISABILITY_PARTNER_KINDS,
  type PartnerContact,
  type ReferentTraining,
} from '../../services/disability-network/events';
import { builder, organisationOf } from '../builder';

const PartnerKindEnum = builder.enumType('DisabilityPartnerKind', { values: DISABILITY_PARTNER_KINDS });

const ContactRef = builder.objectRef<PartnerContact>('DisabilityPartnerContact').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    role: t.exposeString('role', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
  }),
});

const PartnerRef = builder.objectRef<DisabilityPartnerRow>('DisabilityPartner').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: PartnerKindEnum, resolve: (row) => row.kind }),
    name: t.exposeString('name'),
    contacts: t.field({
      type: [ContactRef],
      description: 'None once the partner’s personal data was erased',
      resolve: (row) => (Array.isArray(row.contacts) ? row.contacts : []),
    }),
  }),
});

const TrainingRef = builder.objectRef<ReferentTraining>('DisabilityReferentTraining').implement({
  fields: (t) => ({
    title: t.exposeString('title'),
    on: t.field({ type: 'Date', resolve: (training) => training.on }),
    provider: t.exposeString('provider'),
  }),
});

const ReferentRef = builder.objectRef<DisabilityReferentRow>('DisabilityReferent').implement({
  fields: (t) => ({
    memberId: t.exposeID('member_id', { nullable: true }),
    memberName: t.string({
      nullable: true,
      description: 'The member’s display name, when the referent is a member',
      resolve: async (row, _args, context) =>
        row.member_id
          ? ((await memberNames(context.db, row.organisation_id, [row.member_id]))[0]?.display_name ?? null)
          : null,
    }),
    name: t.exposeString('name', { nullable: true, description: 'A referent named outside the team' }),
    trainings: t.field({ type: [TrainingRef], resolve: (row) => row.trainings }),
    setAt: t.field({ type: 'DateTime', resolve: (row) => row.set_at }),
  }),
});

const MeetingRef = builder.objectRef<DisabilityMeetingRow>('DisabilityNetworkMeeting').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    partnerId: t.exposeID('partner_id'),
    partnerName: t.exposeString('partner_name'),
    on: t.field({ type: 'Date', resolve: (row) => row.held_on }),
    subject: t.exposeString('subject'),
    outcome: t.exposeString('outcome'),
  }),
});

interface Network {
  organisationId: string;
}

const CandidateRef = builder
  .objectRef<{ user_id: string; display_name: string }>('DisabilityReferentCandidate')
  .implement({
    fields: (t) => ({ id: t.exposeID('user_id'), displayName: t.exposeString('display_name') }),
  });

const NetworkRef = builder.objectRef<Network>('DisabilityNetwork').implement({
  description: 'The organisation’s disability network (indicator 26)',
  fields: (t) => ({
    revision: t.int({
      description: 'Send it as If-Match with a change; -1 while nothing was recorded',
      resolve: (network, _args, context) => networkRevision(context.db, network.organisationId),
    }),
    partners: t.field({
      type: [PartnerRef],
      resolve: (network, _args, context) => networkPartners(context.db, network.organisationId),
    }),
    referent: t.field({
      type: ReferentRef,
      nullable: true,
      resolve: async (network, _args, context) =>
        (await networkReferent(context.db, network.organisationId)) ?? null,
    }),
    meetings: t.field({
      type: [MeetingRef],
      resolve: (network, _args, context) => networkMeetings(context.db, network.organisationId),
    }),
    referentCandidates: t.field({
      type: [CandidateRef],
      description: 'Who may be named referent: the active members, auditors aside, by name',
      resolve: (network, _args, context) => activeStaff(context.db, network.organisationId),
    }),
  }),
});

builder.queryField('disabilityNetwork', (t) =>
  t.field({
    type: NetworkRef,
    authScopes: { member: true },
    resolve: (_root, _args, context) => ({ organisationId: organisationOf(context) }),
  }),
);
