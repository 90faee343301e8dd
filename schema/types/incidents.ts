import { GraphQLError } from 'graphql';
import type { IncidentKey } from '../../projections/incidents/queries';
import {
  countIncidents,
  findIncident,
  listIncidents,
  MAX_INCIDENT_SEARCH,
  stepsOfIncidents,
} from '../../projections/incidents/queries';
import type { IncidentRow, IncidentStepRow } from '../../projections/incidents/tables';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_KINDS,
  INCIDENT_SEVERITIES,
  type IncidentSession,
  incidentIndicators,
} from '../../services/complaints/incident-events';
import { can } from '../../services/kernel/auth';
import { ERASED } from '../../services/privacy/declarations';
import { builder, isUuid, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';
import { groupedBy, perRequest } from '../loader';
import { type CursorCodec, keysetConnection } from '../paging';

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

const IncidentKindEnum = builder.enumType('IncidentKind', {
  description:
    'A difficulty (something that hinders delivery) or a disruption (an unforeseeable outside event)',
  values: INCIDENT_KINDS,
});
const IncidentCategoryEnum = builder.enumType('IncidentCategory', { values: INCIDENT_CATEGORIES });
const IncidentSeverityEnum = builder.enumType('IncidentSeverity', { values: INCIDENT_SEVERITIES });
const IncidentStatusEnum = builder.enumType('IncidentStatus', { values: ['open', 'resolved'] as const });
const IncidentStepKindEnum = builder.enumType('IncidentStepKind', {
  values: ['recorded', 'measure', 'resolved', 'reopened', 'improvement_requested'] as const,
});

/**
 * A record's free text speaks of people: quality managers, administrators and auditors read it, and so does the
 * member who recorded it; others see null (and `detailsHidden`).
 */
const readsDetails = (context: GraphQLContext, row: IncidentRow) =>
  !!context.viewer &&
  (can(context.viewer.role, 'incident:details') || row.recorded_by === context.viewer.userId);

const IncidentSessionRef = builder.objectRef<IncidentSession>('IncidentSession').implement({
  description: 'The session concerned, with its titles when the record was made',
  fields: (t) => ({
    sessionId: t.exposeID('sessionId'),
    trainingActionId: t.exposeID('trainingActionId'),
    trainingTitle: t.exposeString('trainingTitle'),
    sessionTitle: t.exposeString('sessionTitle'),
  }),
});

/** A step with whether its record's text may be read by the viewer. */
type StepView = IncidentStepRow & { readable: boolean };

const IncidentStepRef = builder.objectRef<StepView>('IncidentStep').implement({
  fields: (t) => ({
    revision: t.exposeInt('revision'),
    step: t.field({ type: IncidentStepKindEnum, resolve: (row) => row.step }),
    on: t.field({ type: 'Date', resolve: (row) => row.step_on }),
    text: t.string({
      nullable: true,
      description: 'The measure, resolution, reason or requested action; "[effacé]" once erased',
      resolve: (row) => (row.readable ? row.text : null),
    }),
    followUpId: t.exposeID('follow_up_id', { nullable: true }),
    changedAt: t.field({ type: 'DateTime', resolve: (row) => row.changed_at }),
  }),
});

const stepsById = perRequest<string, IncidentStepRow[]>(async (context, ids) =>
  groupedBy(await stepsOfIncidents(context.db, organisationOf(context), ids), (row) => row.incident_id, ids),
);

const stepsOf = async (row: IncidentRow, context: GraphQLContext): Promise<StepView[]> => {
  const readable = readsDetails(context, row);
  return (await stepsById(context).load(row.id)).map((step) => ({ ...step, readable }));
};

const IncidentRef = builder.objectRef<IncidentRow>('Incident').implement({
  description: 'A difficulty or a disruption, its measures and its resolution (indicator 31, and 12 or 26)',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: IncidentKindEnum, resolve: (row) => row.kind }),
    category: t.field({ type: IncidentCategoryEnum, resolve: (row) => row.category }),
    severity: t.field({ type: IncidentSeverityEnum, resolve: (row) => row.severity }),
    status: t.field({ type: IncidentStatusEnum, resolve: (row) => row.status }),
    occurredOn: t.field({ type: 'Date', resolve: (row) => row.occurred_on }),
    description: t.string({
      nullable: true,
      description: 'What happened; null for a member who may not read it, "[effacé]" once erased',
      resolve: (row, _args, context) => (readsDetails(context, row) ? row.description : null),
    }),
    detailsHidden: t.boolean({
      description: 'The viewer may not read this record’s free text',
      resolve: (row, _args, context) => !readsDetails(context, row),
    }),
    erased: t.boolean({ resolve: (row) => row.description === ERASED }),
    site: t.exposeString('site', { nullable: true }),
    session: t.field({
      type: IncidentSessionRef,
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
    measureCount: t.exposeInt('measures'),
    resolvedOn: t.field({ type: 'Date', nullable: true, resolve: (row) => row.resolved_on }),
    resolution: t.string({
      nullable: true,
      resolve: (row, _args, context) => (readsDetails(context, row) ? row.resolution : null),
    }),
    indicators: t.intList({
      description: 'The indicators the record evidences: 31, with 12 or 26 by category',
      resolve: (row) => [...incidentIndicators(row.category)],
    }),
    revision: t.exposeInt('revision', { description: 'Send it as If-Match with the next step' }),
    recordedAt: t.field({ type: 'DateTime', resolve: (row) => row.recorded_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (row) => row.updated_at }),
    measures: t.field({
      type: [IncidentStepRef],
      description: 'The measures taken, oldest first',
      resolve: async (row, _args, context) =>
        (await stepsOf(row, context)).filter((step) => step.step === 'measure'),
    }),
    steps: t.field({
      type: [IncidentStepRef],
      description:
        'Every step, oldest first: recorded, measures, resolutions, reopenings, improvement requests',
      resolve: (row, _args, context) => stepsOf(row, context),
    }),
  }),
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const incidentCursor: CursorCodec<IncidentKey> = {
  encode: (key) => [key.occurredOn, key.id],
  decode: (parts) => {
    const [occurredOn, id] = parts;
    if (parts.length !== 2 || typeof occurredOn !== 'string' || typeof id !== 'string') return undefined;
    return DATE.test(occurredOn) && isUuid(id) ? { occurredOn, id } : undefined;
  },
};

const IncidentFilterInput = builder.inputType('IncidentFilter', {
  description: 'from and to are inclusive Paris dates of when it happened',
  fields: (t) => ({
    kind: t.field({ type: IncidentKindEnum, required: false }),
    category: t.field({ type: IncidentCategoryEnum, required: false }),
    severity: t.field({ type: IncidentSeverityEnum, required: false }),
    status: t.field({ type: IncidentStatusEnum, required: false }),
    sessionId: t.id({ required: false }),
    from: t.field({ type: 'Date', required: false }),
    to: t.field({ type: 'Date', required: false }),
    search: t.string({
      required: false,
      description: `Words in the training, session or site, and in the text for those who read it (at most ${MAX_INCIDENT_SEARCH} characters)`,
    }),
  }),
});

type FilterArg = typeof IncidentFilterInput.$inferInput | null | undefined;

const filterOf = (filter: FilterArg, context: GraphQLContext) => {
  if (filter?.from && filter.to && filter.to < filter.from)
    throw badInput('The period ends before it starts');
  if (filter?.search && filter.search.length > MAX_INCIDENT_SEARCH) {
    throw badInput(`A search is at most ${MAX_INCIDENT_SEARCH} characters`);
  }
  const sessionId = filter?.sessionId == null ? null : String(filter.sessionId);
  if (sessionId && !isUuid(sessionId)) throw badInput('sessionId is not a session id');
  return {
    kind: filter?.kind,
    category: filter?.category,
    severity: filter?.severity,
    status: filter?.status,
    sessionId,
    from: filter?.from,
    to: filter?.to,
    search: filter?.search,
    searchDetails: !!context.viewer && can(context.viewer.role, 'incident:details'),
  };
};

builder.queryField('incidents', (t) =>
  t.connection({
    type: IncidentRef,
    authScopes: { member: true },
    description: 'Difficulties and disruptions, latest first',
    args: { filter: t.arg({ type: IncidentFilterInput, required: false }) },
    resolve: (_root, args, context) => {
      const organisationId = organisationOf(context);
      const filter = filterOf(args.filter, context);
      return keysetConnection(
        args,
        incidentCursor,
        (row: IncidentRow) => ({ occurredOn: row.occurred_on, id: row.id }),
        (page) => listIncidents(context.db, organisationId, filter, page),
      );
    },
  }),
);

const IncidentCountsRef = builder
  .objectRef<{ total: number; open: number; resolved: number; majorOpen: number }>('IncidentCounts')
  .implement({
    fields: (t) => ({
      total: t.exposeInt('total'),
      open: t.exposeInt('open'),
      resolved: t.exposeInt('resolved'),
      majorOpen: t.exposeInt('majorOpen', { description: 'Open records of major severity' }),
    }),
  });

builder.queryField('incidentCounts', (t) =>
  t.field({
    type: IncidentCountsRef,
    authScopes: { member: true },
    description: 'How many difficulties and disruptions match the filter: open, resolved, major still open',
    args: { filter: t.arg({ type: IncidentFilterInput, required: false }) },
    resolve: (_root, args, context) =>
      countIncidents(context.db, organisationOf(context), filterOf(args.filter, context)),
  }),
);

builder.queryField('incident', (t) =>
  t.field({
    type: IncidentRef,
    nullable: true,
    authScopes: { member: true },
    description: 'One difficulty or disruption with its measures and steps',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      if (!isUuid(id)) return null;
      return (await findIncident(context.db, organisationOf(context), id)) ?? null;
    },
  }),
);
