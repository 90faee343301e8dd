import { cycleOf, warningsOf } from '../../projections/audits/cycle-view';
import { auditsOf, findAudit, findNonConformity, nonConformitiesOf } from '../../projections/audits/queries';
import type { AuditRow, NonConformityRow } from '../../projections/audits/tables';
import type { CertificationCycle, NcWarning } from '../../services/audits/cycle';
import { deadlineState } from '../../services/audits/cycle';
import { AUDIT_CANCEL_REASONS, AUDIT_KINDS } from '../../services/audits/events';
import { parisDate } from '../../services/kernel/paris-time';
import { ERASED } from '../../services/privacy/declarations';
import { builder, isUuid, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';

const today = (context: GraphQLContext) => parisDate(context.clock.now());

export const AuditKindEnum = builder.enumType('CycleAuditKind', { values: AUDIT_KINDS });
const AuditStatusEnum = builder.enumType('AuditStatus', {
  values: ['planned', 'held', 'report_received', 'cancelled'] as const,
});
const AuditCancelReasonEnum = builder.enumType('AuditCancelReason', { values: AUDIT_CANCEL_REASONS });
const NcGradeEnum = builder.enumType('NonConformityGrade', { values: ['minor', 'major'] as const });
const DeadlineStateEnum = builder.enumType('DeadlineState', {
  values: ['on_track', 'near', 'past'] as const,
});
const NcWarningCodeEnum = builder.enumType('NonConformityWarningCode', {
  values: ['minors_count_as_major', 'minor_open_at_next_audit', 'deadline_near', 'deadline_past'] as const,
});

const NcWarningRef = builder.objectRef<NcWarning>('NonConformityWarning').implement({
  description: 'A warning on the open non-conformities, computed on read',
  fields: (t) => ({
    code: t.field({ type: NcWarningCodeEnum, resolve: (warning) => warning.code }),
    count: t.int({
      resolve: (warning) => ('count' in warning ? warning.count : warning.openMinors),
    }),
    nextAuditOn: t.field({
      type: 'Date',
      nullable: true,
      resolve: (warning) => ('nextAuditOn' in warning ? warning.nextAuditOn : null),
    }),
  }),
});

const NonConformityRef = builder.objectRef<NonConformityRow>('NonConformity').implement({
  description: 'A non-conformity the certifier notified at an audit, its deadline and its closure',
  fields: (t) => ({
    id: t.exposeID('id'),
    auditId: t.exposeID('audit_id'),
    auditKind: t.field({ type: AuditKindEnum, resolve: (row) => row.audit_kind }),
    indicator: t.exposeInt('indicator'),
    referentialVersion: t.exposeString('referential_version'),
    grade: t.field({ type: NcGradeEnum, resolve: (row) => row.grade }),
    initialGrade: t.field({ type: NcGradeEnum, resolve: (row) => row.initial_grade }),
    finding: t.exposeString('finding'),
    erased: t.boolean({ resolve: (row) => row.finding === ERASED }),
    notifiedOn: t.field({ type: 'Date', resolve: (row) => row.notified_on }),
    deadline: t.field({ type: 'Date', resolve: (row) => row.deadline }),
    deadlineState: t.field({
      type: DeadlineStateEnum,
      nullable: true,
      resolve: (row, _args, context) => (row.open ? deadlineState(row.deadline, today(context)) : null),
    }),
    requalifiedOn: t.field({ type: 'Date', nullable: true, resolve: (row) => row.requalified_on }),
    actionPlan: t.exposeString('action_plan', { nullable: true }),
    open: t.exposeBoolean('open'),
    closedOn: t.field({ type: 'Date', nullable: true, resolve: (row) => row.closed_on }),
    evidence: t.exposeString('evidence', { nullable: true }),
    effective: t.exposeBoolean('effective', { nullable: true }),
    actionRequests: t.exposeInt('action_requests'),
    revision: t.int({ resolve: (row) => Number(row.revision) }),
  }),
});

const AuditRef = builder.objectRef<AuditRow>('Audit').implement({
  description: 'An audit of the certification cycle: planned, held, its report received',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: AuditKindEnum, resolve: (row) => row.kind }),
    certifierName: t.exposeString('certifier_name'),
    status: t.field({ type: AuditStatusEnum, resolve: (row) => row.status }),
    plannedFrom: t.field({ type: 'Date', resolve: (row) => row.planned_from }),
    plannedTo: t.field({ type: 'Date', resolve: (row) => row.planned_to }),
    heldFrom: t.field({ type: 'Date', nullable: true, resolve: (row) => row.held_from }),
    heldTo: t.field({ type: 'Date', nullable: true, resolve: (row) => row.held_to }),
    reportReceivedOn: t.field({ type: 'Date', nullable: true, resolve: (row) => row.report_received_on }),
    reportFileName: t.string({ nullable: true, resolve: (row) => row.report?.fileName ?? null }),
    reportMediaType: t.string({ nullable: true, resolve: (row) => row.report?.mediaType ?? null }),
    cancelReason: t.field({
      type: AuditCancelReasonEnum,
      nullable: true,
      resolve: (row) => row.cancel_reason,
    }),
    revision: t.int({ resolve: (row) => Number(row.revision) }),
    nonConformities: t.field({
      type: [NonConformityRef],
      resolve: (row, _args, context) =>
        nonConformitiesOf(context.db, organisationOf(context), { auditId: row.id }),
    }),
  }),
});

export const DateSpanRef = builder.objectRef<{ from: string; to: string }>('DateSpan').implement({
  fields: (t) => ({
    from: t.field({ type: 'Date', resolve: (span) => span.from }),
    to: t.field({ type: 'Date', resolve: (span) => span.to }),
  }),
});

const CycleRef = builder.objectRef<CertificationCycle>('CertificationCycle').implement({
  description: 'The dates of the certificate’s cycle, from its issue date',
  fields: (t) => ({
    issuedOn: t.field({ type: 'Date', resolve: (cycle) => cycle.issuedOn }),
    surveillanceWindow: t.field({ type: DateSpanRef, resolve: (cycle) => cycle.surveillanceWindow }),
    renewalDeadline: t.field({ type: 'Date', resolve: (cycle) => cycle.renewalDeadline }),
    renewalBookBy: t.field({ type: 'Date', resolve: (cycle) => cycle.renewalBookBy }),
  }),
});

builder.queryField('certificationCycle', (t) =>
  t.field({
    type: CycleRef,
    nullable: true,
    authScopes: { member: true },
    description:
      'The certificate’s cycle (surveillance window, renewal), null while no certificate is recorded',
    resolve: (_root, _args, context) => cycleOf(context.db, organisationOf(context)),
  }),
);

builder.queryField('audits', (t) =>
  t.field({
    type: [AuditRef],
    authScopes: { member: true },
    description: 'The organisation’s audits, latest planned first',
    resolve: (_root, _args, context) => auditsOf(context.db, organisationOf(context)),
  }),
);

builder.queryField('audit', (t) =>
  t.field({
    type: AuditRef,
    nullable: true,
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      if (!isUuid(id)) return null;
      return (await findAudit(context.db, organisationOf(context), id)) ?? null;
    },
  }),
);

builder.queryField('nonConformity', (t) =>
  t.field({
    type: NonConformityRef,
    nullable: true,
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      if (!isUuid(id)) return null;
      return (await findNonConformity(context.db, organisationOf(context), id)) ?? null;
    },
  }),
);

builder.queryField('openNonConformities', (t) =>
  t.field({
    type: [NonConformityRef],
    authScopes: { member: true },
    description: 'Open non-conformities, nearest deadline first',
    resolve: (_root, _args, context) =>
      nonConformitiesOf(context.db, organisationOf(context), { openOnly: true }),
  }),
);

builder.queryField('nonConformityWarnings', (t) =>
  t.field({
    type: [NcWarningRef],
    authScopes: { member: true },
    description: 'Five or more open minors, minors open with the next audit near, deadlines near or past',
    resolve: (_root, _args, context) => warningsOf(context.db, organisationOf(context), today(context)),
  }),
);
