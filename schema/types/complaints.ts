import type { ArgBuilder } from '@pothos/core';
import { GraphQLError } from 'graphql';
import {
  attachmentsOfComplaints,
  type ComplaintFilter,
  type ComplaintKey,
  complaintCounters,
  complaintDeadlines,
  complaintHandlers,
  complaintSettings,
  complaintSettingsRevision,
  complaintStatistics,
  findComplaint,
  improvementRequestsOf,
  listComplaints,
  MAX_COMPLAINT_SEARCH,
  memberNames,
  stepsOfComplaints,
} from '../../projections/complaints/queries';
import type {
  ComplaintAttachmentRow,
  ComplaintImprovementRow,
  ComplaintRow,
  ComplaintStepRow,
} from '../../projections/complaints/tables';
import type {
  ComplaintDeadlineSettings,
  StepDeadline,
  StepStatistics,
} from '../../services/complaints/deadlines';
import {
  COMPLAINANT_GROUPS,
  COMPLAINT_CHANNELS,
  COMPLAINT_OUTCOMES,
  complaintEventTypes,
} from '../../services/complaints/events';
import { can } from '../../services/kernel/auth';
import { parisDate } from '../../services/kernel/paris-time';
import { HOLIDAY_CALENDARS, workingDaysBetween } from '../../services/kernel/working-days';
import { ERASED } from '../../services/privacy/declarations';
import { type BuilderTypes, builder, isUuid, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';
import { groupedBy, perRequest } from '../loader';
import { type CursorCodec, keysetConnection } from '../paging';

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

const ComplaintStatusEnum = builder.enumType('ComplaintStatus', {
  values: ['received', 'acknowledged', 'under_analysis', 'answered', 'rejected', 'closed'] as const,
});
const ComplaintChannelEnum = builder.enumType('ComplaintChannel', { values: COMPLAINT_CHANNELS });
const ComplainantGroupEnum = builder.enumType('ComplainantGroup', { values: COMPLAINANT_GROUPS });
const ComplaintOutcomeEnum = builder.enumType('ComplaintOutcome', { values: COMPLAINT_OUTCOMES });
const ComplaintStepKindEnum = builder.enumType('ComplaintStepKind', { values: complaintEventTypes });
const HolidayCalendarEnum = builder.enumType('HolidayCalendar', {
  description: 'The public holidays counted: metropolitan France, or Alsace-Moselle (two more days)',
  values: HOLIDAY_CALENDARS,
});
const DeadlineStateEnum = builder.enumType('ComplaintDeadlineState', {
  values: ['pending', 'overdue', 'in_time', 'late', 'not_required'] as const,
});

/** Complainants' names, contacts and words, and the handling's free texts: only for those who handle complaints. */
const handles = (context: GraphQLContext) => !!context.viewer && can(context.viewer.role, 'complaint:handle');
const personal = <Value>(context: GraphQLContext, value: Value): Value | null =>
  handles(context) ? value : null;

const today = (context: GraphQLContext) => parisDate(context.clock.now());

/** The organisation's deadlines, once per request. */
const settingsFor = perRequest<string, ComplaintDeadlineSettings>(async (context, ids) =>
  Promise.all(ids.map((id) => complaintSettings(context.db, id))),
);

/** Members' display names, once per request: who owns a complaint, who took each step. */
const namesById = perRequest<string, string | null>(async (context, ids) => {
  const rows = await memberNames(context.db, organisationOf(context), ids);
  const names = new Map(rows.map((row) => [row.user_id, row.display_name]));
  return ids.map((id) => names.get(id) ?? null);
});
const nameOf = (context: GraphQLContext, id: string | null) =>
  id === null ? null : namesById(context).load(id);

/** A step against its deadline, with the working days from today to its due date while it waits. */
type StepDeadlineView = StepDeadline & { workingDaysLeft: number | null };

const StepDeadlineRef = builder.objectRef<StepDeadlineView>('ComplaintStepDeadline').implement({
  description: 'One step (acknowledgement or answer) against its deadline, as of today in Paris',
  fields: (t) => ({
    dueOn: t.field({ type: 'Date', resolve: (step) => step.dueOn }),
    doneOn: t.field({ type: 'Date', nullable: true, resolve: (step) => step.doneOn }),
    state: t.field({ type: DeadlineStateEnum, resolve: (step) => step.state }),
    workingDays: t.exposeInt('workingDays', {
      nullable: true,
      description: 'Working days from receipt, once done',
    }),
    workingDaysLeft: t.exposeInt('workingDaysLeft', {
      nullable: true,
      description:
        'While it waits: working days from today (Paris) to the due date, negative once overdue; null once done',
    }),
  }),
});

const ComplaintStepRef = builder.objectRef<ComplaintStepRow>('ComplaintStep').implement({
  description: 'One step of a complaint’s handling, as its timeline shows it',
  fields: (t) => ({
    revision: t.exposeInt('revision'),
    kind: t.field({ type: ComplaintStepKindEnum, resolve: (row) => row.step }),
    on: t.field({ type: 'Date', nullable: true, resolve: (row) => row.step_on }),
    text: t.string({
      nullable: true,
      description: 'The step’s words (acknowledgement, causes, answer…): for those who handle complaints',
      resolve: (row, _args, context) => personal(context, row.text),
    }),
    mediator: t.string({ nullable: true, resolve: (row, _args, context) => personal(context, row.mediator) }),
    sentByEmail: t.exposeBoolean('sent_by_email', { nullable: true }),
    outcome: t.field({ type: ComplaintOutcomeEnum, nullable: true, resolve: (row) => row.outcome }),
    ownerId: t.exposeID('owner_id', { nullable: true }),
    actorId: t.exposeID('actor_id', { nullable: true }),
    actorName: t.string({
      nullable: true,
      description: 'Display name of the member who took the step',
      resolve: (row, _args, context) => nameOf(context, row.actor_id),
    }),
    ownerName: t.string({
      nullable: true,
      description: 'For a reassignment: the new owner’s display name',
      resolve: (row, _args, context) => nameOf(context, row.owner_id),
    }),
    occurredAt: t.field({ type: 'DateTime', resolve: (row) => row.occurred_at }),
  }),
});

const stepsById = perRequest<string, ComplaintStepRow[]>(async (context, ids) =>
  groupedBy(
    await stepsOfComplaints(context.db, organisationOf(context), ids),
    (row) => row.complaint_id,
    ids,
  ),
);

const improvementsById = perRequest<string, ComplaintImprovementRow[]>(async (context, ids) =>
  groupedBy(
    await improvementRequestsOf(context.db, organisationOf(context), ids),
    (row) => row.complaint_id,
    ids,
  ),
);

const ImprovementRequestRef = builder
  .objectRef<ComplaintImprovementRow>('ComplaintImprovementRequest')
  .implement({
    description: 'An improvement action asked for from a complaint (indicator 32)',
    fields: (t) => ({
      id: t.exposeID('request_id'),
      title: t.string({ nullable: true, resolve: (row, _args, context) => personal(context, row.title) }),
      requestedBy: t.exposeID('requested_by'),
      requestedByName: t.string({
        nullable: true,
        resolve: (row, _args, context) => nameOf(context, row.requested_by),
      }),
      requestedAt: t.field({ type: 'DateTime', resolve: (row) => row.requested_at }),
    }),
  });

const attachmentsById = perRequest<string, ComplaintAttachmentRow[]>(async (context, ids) =>
  groupedBy(
    await attachmentsOfComplaints(context.db, organisationOf(context), ids),
    (row) => row.complaint_id,
    ids,
  ),
);

const AttachmentRef = builder.objectRef<ComplaintAttachmentRow>('ComplaintAttachment').implement({
  description: 'A file the complaint came with, its type found in its content',
  fields: (t) => ({
    id: t.exposeID('attachment_id'),
    name: t.exposeString('file_name'),
    mediaType: t.exposeString('media_type'),
    sizeBytes: t.exposeInt('size_bytes'),
    receivedAt: t.field({ type: 'DateTime', resolve: (row) => row.received_at }),
    downloadPath: t.string({
      description: 'Where those who handle complaints download it',
      resolve: (row) => `/api/complaints/${row.complaint_id}/attachments/${row.attachment_id}`,
    }),
  }),
});

const deadlinesOf = async (row: ComplaintRow, context: GraphQLContext) => {
  const settings = await settingsFor(context).load(row.organisation_id);
  const now = today(context);
  const { acknowledgement, answer } = complaintDeadlines(row, settings, now);
  const withLeft = (step: StepDeadline): StepDeadlineView => ({
    ...step,
    workingDaysLeft:
      step.state === 'pending' || step.state === 'overdue'
        ? workingDaysBetween(now, step.dueOn, settings.calendar)
        : null,
  });
  return { acknowledgement: withLeft(acknowledgement), answer: withLeft(answer) };
};

const ComplaintRef = builder.objectRef<ComplaintRow>('Complaint').implement({
  description: 'A complaint (réclamation, indicator 31) and where its handling stands',
  fields: (t) => ({
    id: t.exposeID('id'),
    reference: t.exposeString('reference', { description: 'R-<year received>-<number>, per organisation' }),
    status: t.field({ type: ComplaintStatusEnum, resolve: (row) => row.status }),
    channel: t.field({ type: ComplaintChannelEnum, resolve: (row) => row.channel }),
    group: t.field({ type: ComplainantGroupEnum, resolve: (row) => row.group }),
    anonymous: t.exposeBoolean('anonymous'),
    receivedOn: t.field({ type: 'Date', resolve: (row) => row.received_on }),
    trainingActionId: t.exposeID('training_action_id', { nullable: true }),
    trainingTitle: t.exposeString('training_title', { nullable: true }),
    sessionId: t.exposeID('session_id', { nullable: true }),
    sessionTitle: t.exposeString('session_title', { nullable: true }),
    site: t.exposeString('site', { nullable: true }),
    ownerId: t.exposeID('owner_id', { nullable: true }),
    ownerName: t.string({
      nullable: true,
      description: 'Display name of the member who handles it',
      resolve: (row, _args, context) => nameOf(context, row.owner_id),
    }),
    mediationInProgress: t.exposeBoolean('mediation_in_progress'),
    outcome: t.field({ type: ComplaintOutcomeEnum, nullable: true, resolve: (row) => row.outcome }),
    personalDataVisible: t.boolean({
      description: 'Whether the viewer may read the complainant’s data and the handling’s words',
      resolve: (_row, _args, context) => handles(context),
    }),
    erased: t.boolean({
      description: 'The complainant’s data and the words of the handling were erased ("[effacé]")',
      resolve: (row) => row.erased || row.text === ERASED,
    }),
    complainantName: t.string({
      nullable: true,
      resolve: (row, _args, context) => personal(context, row.complainant_name),
    }),
    complainantEmail: t.string({
      nullable: true,
      resolve: (row, _args, context) => personal(context, row.complainant_email),
    }),
    complainantPhone: t.string({
      nullable: true,
      resolve: (row, _args, context) => personal(context, row.complainant_phone),
    }),
    complainantPostalAddress: t.string({
      nullable: true,
      resolve: (row, _args, context) => personal(context, row.complainant_postal_address),
    }),
    text: t.string({ nullable: true, resolve: (row, _args, context) => personal(context, row.text) }),
    acknowledgement: t.field({
      type: StepDeadlineRef,
      resolve: async (row, _args, context) => (await deadlinesOf(row, context)).acknowledgement,
    }),
    answer: t.field({
      type: StepDeadlineRef,
      resolve: async (row, _args, context) => (await deadlinesOf(row, context)).answer,
    }),
    overdue: t.boolean({
      description: 'Waiting today (Paris) for an acknowledgement or an answer past its due date',
      resolve: async (row, _args, context) => {
        const deadlines = await deadlinesOf(row, context);
        return deadlines.acknowledgement.state === 'overdue' || deadlines.answer.state === 'overdue';
      },
    }),
    revision: t.exposeInt('revision', { description: 'Send it as If-Match with the next step' }),
    recordedAt: t.field({ type: 'DateTime', resolve: (row) => row.recorded_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (row) => row.updated_at }),
    improvementRequests: t.field({
      type: [ImprovementRequestRef],
      description: 'The improvement actions asked for from this complaint, oldest first',
      resolve: (row, _args, context) => improvementsById(context).load(row.id),
    }),
    attachments: t.field({
      type: [AttachmentRef],
      description:
        'The files the complainant sent, oldest first: for those who handle complaints (empty for others, and once the complainant is erased)',
      resolve: async (row, _args, context) => (handles(context) ? attachmentsById(context).load(row.id) : []),
    }),
    steps: t.field({
      type: [ComplaintStepRef],
      description: 'Every step, oldest first',
      resolve: (row, _args, context) => stepsById(context).load(row.id),
    }),
  }),
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const complaintCursor: CursorCodec<ComplaintKey> = {
  encode: (key) => [key.receivedOn, key.id],
  decode: (parts) => {
    const [receivedOn, id] = parts;
    if (parts.length !== 2 || typeof receivedOn !== 'string' || typeof id !== 'string') return undefined;
    return DATE.test(receivedOn) && isUuid(id) ? { receivedOn, id } : undefined;
  },
};

/** The register's filter arguments, shared by the list and its counters. */
const registerFilterArgs = (arg: ArgBuilder<BuilderTypes>) => ({
  status: arg({ type: ComplaintStatusEnum, required: false }),
  group: arg({ type: ComplainantGroupEnum, required: false }),
  channel: arg({ type: ComplaintChannelEnum, required: false }),
  ownerId: arg.id({ required: false }),
  overdue: arg.boolean({ required: false }),
  from: arg({ type: 'Date', required: false }),
  to: arg({ type: 'Date', required: false }),
  sessionId: arg.id({ required: false }),
  search: arg.string({
    required: false,
    description:
      'Words found in the reference, training, session or site; also in the complainant’s name and the ' +
      'text for those who may read them',
  }),
});

type RegisterFilterArgs = {
  status?: ComplaintFilter['status'];
  group?: ComplaintFilter['group'];
  channel?: ComplaintFilter['channel'];
  ownerId?: string | number | null;
  overdue?: boolean | null;
  from?: string | null;
  to?: string | null;
  sessionId?: string | number | null;
  search?: string | null;
};

/** The register's filter from its arguments, checked (400 on a bad period, id or search). */
const registerFilterOf = (args: RegisterFilterArgs, context: GraphQLContext): ComplaintFilter => {
  if (args.from && args.to && args.to < args.from) throw badInput('The period ends before it starts');
  const ownerId = args.ownerId ? String(args.ownerId) : null;
  if (ownerId && !isUuid(ownerId)) throw badInput('ownerId is a member’s id');
  const sessionId = args.sessionId ? String(args.sessionId) : null;
  if (sessionId && !isUuid(sessionId)) throw badInput('sessionId is a session’s id');
  if (args.search && args.search.length > MAX_COMPLAINT_SEARCH) {
    throw badInput(`A search is at most ${MAX_COMPLAINT_SEARCH} characters`);
  }
  return {
    status: args.status,
    group: args.group,
    channel: args.channel,
    ownerId,
    overdue: args.overdue,
    from: args.from,
    to: args.to,
    sessionId,
    search: args.search,
    searchPersonal: handles(context),
  };
};

builder.queryField('complaints', (t) =>
  t.connection({
    type: ComplaintRef,
    authScopes: { member: true },
    description:
      'The complaints register, latest received first; from and to are inclusive Paris dates of receipt, ' +
      'overdue is judged on today in Paris',
    args: registerFilterArgs(t.arg),
    resolve: (_root, args, context) => {
      const filter = registerFilterOf(args, context);
      const organisationId = organisationOf(context);
      return keysetConnection(
        args,
        complaintCursor,
        (row: ComplaintRow) => ({ receivedOn: row.received_on, id: row.id }),
        (page) => listComplaints(context.db, organisationId, filter, today(context), page),
      );
    },
  }),
);

builder.queryField('complaint', (t) =>
  t.field({
    type: ComplaintRef,
    nullable: true,
    authScopes: { member: true },
    description: 'One complaint with its steps',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      if (!isUuid(id)) return null;
      return (await findComplaint(context.db, organisationOf(context), id)) ?? null;
    },
  }),
);

const StepStatisticsRef = builder.objectRef<StepStatistics>('ComplaintStepStatistics').implement({
  fields: (t) => ({
    counted: t.exposeInt('counted', { description: 'Done in time, done late, or overdue' }),
    inTime: t.exposeInt('inTime'),
    late: t.exposeInt('late'),
    overdue: t.exposeInt('overdue'),
    pending: t.exposeInt('pending'),
    shareInTime: t.exposeFloat('shareInTime', { nullable: true, description: 'inTime / counted' }),
    medianWorkingDays: t.exposeFloat('medianWorkingDays', { nullable: true }),
  }),
});

interface Statistics {
  complaints: number;
  acknowledgement: StepStatistics;
  answer: StepStatistics;
  byGroup: { key: (typeof COMPLAINANT_GROUPS)[number]; count: number }[];
  byChannel: { key: (typeof COMPLAINT_CHANNELS)[number]; count: number }[];
  byOutcome: { key: (typeof COMPLAINT_OUTCOMES)[number]; count: number }[];
}

const GroupCountRef = builder.objectRef<Statistics['byGroup'][number]>('ComplaintGroupCount').implement({
  fields: (t) => ({
    group: t.field({ type: ComplainantGroupEnum, resolve: (row) => row.key }),
    count: t.exposeInt('count'),
  }),
});
const ChannelCountRef = builder
  .objectRef<Statistics['byChannel'][number]>('ComplaintChannelCount')
  .implement({
    fields: (t) => ({
      channel: t.field({ type: ComplaintChannelEnum, resolve: (row) => row.key }),
      count: t.exposeInt('count'),
    }),
  });
const OutcomeCountRef = builder
  .objectRef<Statistics['byOutcome'][number]>('ComplaintOutcomeCount')
  .implement({
    fields: (t) => ({
      outcome: t.field({ type: ComplaintOutcomeEnum, resolve: (row) => row.key }),
      count: t.exposeInt('count'),
    }),
  });

const StatisticsRef = builder.objectRef<Statistics>('ComplaintStatistics').implement({
  description: 'Deadlines over the complaints received in a period, as of today in Paris',
  fields: (t) => ({
    complaints: t.exposeInt('complaints'),
    acknowledgement: t.expose('acknowledgement', { type: StepStatisticsRef }),
    answer: t.expose('answer', { type: StepStatisticsRef }),
    byGroup: t.expose('byGroup', { type: [GroupCountRef], description: 'Most frequent first' }),
    byChannel: t.expose('byChannel', { type: [ChannelCountRef], description: 'Most frequent first' }),
    byOutcome: t.expose('byOutcome', {
      type: [OutcomeCountRef],
      description: 'Closed complaints by outcome, most frequent first',
    }),
  }),
});

builder.queryField('complaintStatistics', (t) =>
  t.field({
    type: StatisticsRef,
    authScopes: { member: true },
    description: 'Share acknowledged and answered in time, median working days; from and to inclusive',
    args: { from: t.arg({ type: 'Date', required: true }), to: t.arg({ type: 'Date', required: true }) },
    resolve: (_root, args, context) => {
      if (args.to < args.from) throw badInput('The period ends before it starts');
      return complaintStatistics(context.db, organisationOf(context), args, today(context));
    },
  }),
);

interface Counters {
  total: number;
  open: number;
  overdue: number;
}

const CountersRef = builder.objectRef<Counters>('ComplaintCounters').implement({
  fields: (t) => ({
    total: t.exposeInt('total'),
    open: t.exposeInt('open', { description: 'Neither closed nor rejected' }),
    overdue: t.exposeInt('overdue', { description: 'Waiting past a due date, today in Paris' }),
  }),
});

builder.queryField('complaintCounters', (t) =>
  t.field({
    type: CountersRef,
    authScopes: { member: true },
    description: 'How many complaints match the register’s filter (all of them without one): open, overdue',
    args: registerFilterArgs(t.arg),
    resolve: (_root, args, context) =>
      complaintCounters(context.db, organisationOf(context), registerFilterOf(args, context), today(context)),
  }),
);

const SettingsRef = builder
  .objectRef<ComplaintDeadlineSettings & { organisationId: string }>('ComplaintDeadlineSettings')
  .implement({
    description: 'The organisation’s complaint deadlines, in working days after the day of receipt',
    fields: (t) => ({
      revision: t.int({
        description: 'The settings revision, to send as If-Match when changing them (-1 before any change)',
        resolve: (settings, _args, context) =>
          settings.organisationId ? complaintSettingsRevision(context.db, settings.organisationId) : -1,
      }),
      acknowledgeWithinWorkingDays: t.exposeInt('acknowledgeWithinWorkingDays'),
      answerWithinWorkingDays: t.exposeInt('answerWithinWorkingDays'),
      calendar: t.field({ type: HolidayCalendarEnum, resolve: (settings) => settings.calendar }),
    }),
  });

builder.queryField('complaintDeadlineSettings', (t) =>
  t.field({
    type: SettingsRef,
    authScopes: { member: true },
    resolve: async (_root, _args, context) => {
      const organisationId = organisationOf(context);
      return { ...(await complaintSettings(context.db, organisationId)), organisationId };
    },
  }),
);

const ComplaintHandlerRef = builder
  .objectRef<{ user_id: string; display_name: string }>('ComplaintHandler')
  .implement({
    description: 'An active member who may own a complaint (an administrator or a quality manager)',
    fields: (t) => ({
      id: t.exposeID('user_id'),
      displayName: t.exposeString('display_name'),
    }),
  });

builder.queryField('complaintHandlers', (t) =>
  t.field({
    type: [ComplaintHandlerRef],
    authScopes: { member: true },
    description: 'Who a complaint may be given to, by name',
    resolve: (_root, _args, context) => complaintHandlers(context.db, organisationOf(context)),
  }),
);
