import { GraphQLError } from 'graphql';
import {
  type PrivacyRequestWithActor,
  privacyRequests,
  type SubjectSummary,
  subjectSummaries,
  subjectsByEmail,
} from '../../projections/subject-access/queries';
import { can } from '../../services/kernel/auth';
import { SUBJECT_KINDS } from '../../services/privacy/declarations';
import { ERASURE_REASONS, EXPORT_FORMATS } from '../../services/privacy/events';
import { kindOf } from '../../services/privacy/export';
import { builder, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';
import { instantAndIdCursor, keysetConnection } from '../paging';

/** Subject access is for administrators: a look-up answers who the organisation holds data about. */
const adminOrganisationOf = (context: GraphQLContext) => {
  const organisationId = organisationOf(context);
  if (!context.viewer || !can(context.viewer.role, 'privacy:access')) {
    throw new GraphQLError('Only an administrator looks up personal data', {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  return organisationId;
};

const SubjectKindEnum = builder.enumType('SubjectKind', {
  description:
    'Whose data: a user account, a respondent, a learner, a complainant, a contact (invitee, recipient)',
  values: SUBJECT_KINDS,
});
const ErasureReasonEnum = builder.enumType('ErasureReason', { values: ERASURE_REASONS });
const ExportFormatEnum = builder.enumType('ExportFormat', { values: EXPORT_FORMATS });
const PrivacyRequestKindEnum = builder.enumType('PrivacyRequestKind', {
  values: ['export', 'erasure'] as const,
});

type Count = SubjectSummary['counts'][number];
const SubjectEventCountRef = builder.objectRef<Count>('SubjectEventCount').implement({
  description: 'How many events of one type name the subject, and when the first and last happened',
  fields: (t) => ({
    type: t.exposeString('type'),
    count: t.exposeInt('count'),
    first: t.field({ type: 'DateTime', resolve: (row) => row.first }),
    last: t.field({ type: 'DateTime', resolve: (row) => row.last }),
  }),
});

const PersonalDataSubjectRef = builder.objectRef<SubjectSummary>('PersonalDataSubject').implement({
  description: 'A data subject found by address: what the log holds about them (values only in the export)',
  fields: (t) => ({
    id: t.exposeID('subjectId', { description: '`<kind>:<id>`, as the export and erasure routes take it' }),
    kind: t.field({ type: SubjectKindEnum, resolve: (row) => kindOf(row.subjectId) }),
    erased: t.exposeBoolean('erased'),
    first: t.field({ type: 'DateTime', resolve: (row) => row.first }),
    last: t.field({ type: 'DateTime', resolve: (row) => row.last }),
    events: t.field({ type: [SubjectEventCountRef], resolve: (row) => row.counts }),
  }),
});

const MAX_EMAIL = 320;

builder.queryField('personalDataSubjects', (t) =>
  t.field({
    type: [PersonalDataSubjectRef],
    authScopes: { member: true },
    description:
      'The organisation’s data subjects whose events give this e-mail address (administrators only; erased subjects are no longer found)',
    args: { email: t.arg.string({ required: true }) },
    resolve: async (_root, { email }, context) => {
      const organisationId = adminOrganisationOf(context);
      const address = email.trim();
      if (address.length === 0 || address.length > MAX_EMAIL || !address.includes('@')) {
        throw new GraphQLError('Give an e-mail address', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      const subjects = await subjectsByEmail(context.db, organisationId, address);
      return subjectSummaries(context.db, organisationId, subjects);
    },
  }),
);

const PrivacyRequestRef = builder.objectRef<PrivacyRequestWithActor>('PrivacyRequest').implement({
  description: 'An export or an erasure of personal data: who, when, which subjects, why or in which format',
  fields: (t) => ({
    id: t.exposeID('event_id'),
    kind: t.field({ type: PrivacyRequestKindEnum, resolve: (row) => row.kind }),
    occurredAt: t.field({ type: 'DateTime', resolve: (row) => new Date(row.occurred_at) }),
    actorId: t.exposeID('actor_id', { nullable: true }),
    actorName: t.exposeString('actor_name', { nullable: true }),
    subjectIds: t.field({
      type: ['ID'],
      resolve: (row) => (typeof row.subject_ids === 'string' ? JSON.parse(row.subject_ids) : row.subject_ids),
    }),
    reason: t.field({
      type: ErasureReasonEnum,
      nullable: true,
      resolve: (row) => row.reason as (typeof ERASURE_REASONS)[number] | null,
    }),
    format: t.field({
      type: ExportFormatEnum,
      nullable: true,
      resolve: (row) => row.format as (typeof EXPORT_FORMATS)[number] | null,
    }),
  }),
});

const requestCursor = instantAndIdCursor(
  (key: { occurredAt: Date; id: string }) => [key.occurredAt, key.id],
  (occurredAt, id) => ({ occurredAt, id }),
);

builder.queryField('privacyRequests', (t) =>
  t.connection({
    type: PrivacyRequestRef,
    authScopes: { member: true },
    description:
      'The organisation’s exports and erasures of personal data, newest first (administrators only)',
    resolve: (_root, args, context) => {
      const organisationId = adminOrganisationOf(context);
      return keysetConnection(
        args,
        requestCursor,
        (row: PrivacyRequestWithActor) => ({ occurredAt: new Date(row.occurred_at), id: row.event_id }),
        (page) => privacyRequests(context.db, organisationId, page),
      );
    },
  }),
);
