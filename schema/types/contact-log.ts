import { GraphQLError } from 'graphql';
import {
  findPartnerContact,
  historyOfPartnerContacts,
  listPartnerContacts,
  type PartnerContactKey,
} from '../../projections/contact-log/queries';
import type {
  ContactContentRecord,
  PartnerContactHistoryRow,
  PartnerContactRow,
} from '../../projections/contact-log/tables';
import {
  CONTACT_KINDS,
  type ContactSession,
  PARTNER_GROUPS,
  type PersonMet,
  REMOVAL_REASONS,
} from '../../services/contact-log/events';
import { ERASED } from '../../services/privacy/declarations';
import { builder, isUuid, organisationOf } from '../builder';
import { groupedBy, perRequest } from '../loader';
import { type CursorCodec, keysetConnection } from '../paging';

const PartnerGroupEnum = builder.enumType('PartnerGroup', {
  description: 'The stakeholder group of indicator 30 a contact was with: funders or client companies',
  values: PARTNER_GROUPS,
});
const ContactKindEnum = builder.enumType('ContactKind', { values: CONTACT_KINDS });
const ContactRemovalReasonEnum = builder.enumType('ContactRemovalReason', { values: REMOVAL_REASONS });
const ContactChangeEnum = builder.enumType('ContactChange', { values: ['logged', 'corrected', 'removed'] });

/** The people met as the row holds them: none once the contact's personal data was erased. */
const peopleOf = (people: PersonMet[] | typeof ERASED): PersonMet[] => (Array.isArray(people) ? people : []);

const PersonMetRef = builder.objectRef<PersonMet>('PersonMet').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    role: t.exposeString('role', { nullable: true }),
  }),
});

const ContactSessionRef = builder.objectRef<ContactSession>('ContactSession').implement({
  description: 'The session a contact was about, with its titles when the contact was recorded',
  fields: (t) => ({
    sessionId: t.exposeID('sessionId'),
    trainingActionId: t.exposeID('trainingActionId'),
    trainingTitle: t.exposeString('trainingTitle'),
    sessionTitle: t.exposeString('sessionTitle'),
  }),
});

const ContactContentRef = builder.objectRef<ContactContentRecord>('PartnerContactContent').implement({
  description: 'What one revision of a contact recorded',
  fields: (t) => ({
    group: t.field({ type: PartnerGroupEnum, resolve: (content) => content.group }),
    partnerName: t.exposeString('partnerName'),
    kind: t.field({ type: ContactKindEnum, resolve: (content) => content.kind }),
    contactOn: t.field({ type: 'Date', resolve: (content) => content.contactOn }),
    people: t.field({ type: [PersonMetRef], resolve: (content) => peopleOf(content.people) }),
    said: t.exposeString('said'),
    followUp: t.exposeString('followUp', { nullable: true }),
    session: t.expose('session', { type: ContactSessionRef, nullable: true }),
    erased: t.boolean({ resolve: (content) => content.said === ERASED }),
  }),
});

const ContactHistoryEntryRef = builder.objectRef<PartnerContactHistoryRow>('PartnerContactChange').implement({
  fields: (t) => ({
    revision: t.exposeInt('revision'),
    change: t.field({ type: ContactChangeEnum, resolve: (row) => row.change }),
    content: t.expose('content', { type: ContactContentRef, nullable: true }),
    reason: t.field({ type: ContactRemovalReasonEnum, nullable: true, resolve: (row) => row.reason }),
    note: t.exposeString('note', { nullable: true }),
    changedAt: t.field({ type: 'DateTime', resolve: (row) => row.changed_at }),
  }),
});

const historyById = perRequest<string, PartnerContactHistoryRow[]>(async (context, ids) =>
  groupedBy(
    await historyOfPartnerContacts(context.db, organisationOf(context), ids),
    (row) => row.contact_id,
    ids,
  ),
);

const PartnerContactRef = builder.objectRef<PartnerContactRow>('PartnerContact').implement({
  description: 'A meeting, call, webinar… with a funder or a company, and what they said (indicator 30)',
  fields: (t) => ({
    id: t.exposeID('id'),
    group: t.field({ type: PartnerGroupEnum, resolve: (row) => row.group }),
    partnerName: t.exposeString('partner_name'),
    kind: t.field({ type: ContactKindEnum, resolve: (row) => row.kind }),
    contactOn: t.field({ type: 'Date', resolve: (row) => row.contact_on }),
    people: t.field({ type: [PersonMetRef], resolve: (row) => peopleOf(row.people) }),
    said: t.exposeString('said'),
    followUp: t.exposeString('follow_up', { nullable: true }),
    session: t.field({
      type: ContactSessionRef,
      nullable: true,
      resolve: (row) =>
        row.session_id && row.training_action_id
          ? {
              sessionId: row.session_id,
              trainingActionId: row.training_action_id,
              trainingTitle: row.training_title ?? '',
              sessionTitle: row.session_title ?? '',
            }
          : null,
    }),
    erased: t.boolean({
      description: 'The people met and what they said were erased (retention or request)',
      resolve: (row) => row.said === ERASED,
    }),
    version: t.exposeInt('version'),
    revision: t.exposeInt('revision', { description: 'Send it as If-Match to correct the contact' }),
    removed: t.exposeBoolean('removed'),
    removalReason: t.field({
      type: ContactRemovalReasonEnum,
      nullable: true,
      resolve: (row) => row.removal_reason,
    }),
    loggedAt: t.field({ type: 'DateTime', resolve: (row) => row.logged_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (row) => row.updated_at }),
    history: t.field({
      type: [ContactHistoryEntryRef],
      description: 'Every change, oldest first: its logging, each correction, its removal',
      resolve: (row, _args, context) => historyById(context).load(row.id),
    }),
  }),
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const contactCursor: CursorCodec<PartnerContactKey> = {
  encode: (key) => [key.contactOn, key.id],
  decode: (parts) => {
    const [contactOn, id] = parts;
    if (parts.length !== 2 || typeof contactOn !== 'string' || typeof id !== 'string') return undefined;
    return DATE.test(contactOn) && isUuid(id) ? { contactOn, id } : undefined;
  },
};

builder.queryField('partnerContacts', (t) =>
  t.connection({
    type: PartnerContactRef,
    authScopes: { member: true },
    description:
      'Contacts with funders and companies, latest contact first; from and to are inclusive Paris dates, ' +
      'partner a part of the partner’s name',
    args: {
      group: t.arg({ type: PartnerGroupEnum, required: false }),
      partner: t.arg.string({ required: false }),
      from: t.arg({ type: 'Date', required: false }),
      to: t.arg({ type: 'Date', required: false }),
      includeRemoved: t.arg.boolean({ required: false, defaultValue: false }),
    },
    resolve: (_root, args, context) => {
      if (args.from && args.to && args.to < args.from) {
        throw new GraphQLError('The period ends before it starts', {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      if (args.partner && args.partner.length > 200) {
        throw new GraphQLError('partner is at most 200 characters', {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      const organisationId = organisationOf(context);
      return keysetConnection(
        args,
        contactCursor,
        (row: PartnerContactRow) => ({ contactOn: row.contact_on, id: row.id }),
        (page) =>
          listPartnerContacts(
            context.db,
            organisationId,
            {
              group: args.group,
              partner: args.partner,
              from: args.from,
              to: args.to,
              includeRemoved: args.includeRemoved ?? false,
            },
            page,
          ),
      );
    },
  }),
);

builder.queryField('partnerContact', (t) =>
  t.field({
    type: PartnerContactRef,
    nullable: true,
    authScopes: { member: true },
    description: 'One logged contact (removed ones too) with its history',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      if (!isUuid(id)) return null;
      return (await findPartnerContact(context.db, organisationOf(context), id)) ?? null;
    },
  }),
);
