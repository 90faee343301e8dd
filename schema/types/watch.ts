import { GraphQLError } from 'graphql';
import { memberNames } from '../../projections/complaints/queries';
import {
  findWatchNote,
  flagsOf,
  improvementsOfWatchNotes,
  listWatchNotes,
  stepsOfWatchNotes,
  WATCH_STATUSES,
  watchCounters,
  watchSettings,
  watchSettingsRevision,
} from '../../projections/watch/queries';
import type { WatchImprovementRow, WatchNoteRow, WatchStepRow } from '../../projections/watch/tables';
import { parisDate } from '../../services/kernel/paris-time';
import { ERASED } from '../../services/privacy/declarations';
import {
  COMMUNICATION_CHANNELS,
  type CommunicationAudience,
  WATCH_IMPACTS,
  WATCH_THEMES,
} from '../../services/watch/events';
import {
  DEFAULT_EXPLOIT_WITHIN_DAYS,
  MAX_EXPLOIT_WITHIN_DAYS,
  MIN_EXPLOIT_WITHIN_DAYS,
} from '../../services/watch/exploitation';
import type { WatchSettings } from '../../services/watch/settings';
import { builder, isUuid, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';
import { groupedBy, perRequest } from '../loader';

const WatchThemeEnum = builder.enumType('WatchTheme', {
  description:
    'legal_regulatory evidences 23, skills_jobs 24, innovation 25, disability 23 and 26 (criterion 6)',
  values: WATCH_THEMES,
});
const WatchImpactEnum = builder.enumType('WatchImpact', { values: WATCH_IMPACTS });
const WatchStatusEnum = builder.enumType('WatchStatus', { values: WATCH_STATUSES });
const WatchChannelEnum = builder.enumType('WatchChannel', { values: COMMUNICATION_CHANNELS });
const WatchStepKindEnum = builder.enumType('WatchStepKind', {
  values: ['recorded', 'edited', 'analysed', 'communicated', 'archived'] as const,
});

const today = (context: GraphQLContext) => parisDate(context.clock.now());

const settingsFor = perRequest<string, WatchSettings>(async (context, ids) =>
  Promise.all(ids.map((id) => watchSettings(context.db, id))),
);

const namesById = perRequest<string, string | null>(async (context, ids) => {
  const rows = await memberNames(context.db, organisationOf(context), ids);
  const names = new Map(rows.map((row) => [row.user_id, row.display_name]));
  return ids.map((id) => names.get(id) ?? null);
});
const nameOf = (context: GraphQLContext, id: string | null) =>
  id === null ? null : namesById(context).load(id);

const stepsById = perRequest<string, WatchStepRow[]>(async (context, ids) =>
  groupedBy(await stepsOfWatchNotes(context.db, organisationOf(context), ids), (row) => row.note_id, ids),
);
const improvementsById = perRequest<string, WatchImprovementRow[]>(async (context, ids) =>
  groupedBy(
    await improvementsOfWatchNotes(context.db, organisationOf(context), ids),
    (row) => row.note_id,
    ids,
  ),
);

interface AudienceMember {
  userId: string;
}

const WatchAudienceMemberRef = builder.objectRef<AudienceMember>('WatchAudienceMember').implement({
  fields: (t) => ({
    userId: t.exposeID('userId'),
    displayName: t.string({
      nullable: true,
      description: 'Null when they are no longer a member',
      resolve: (member, _args, context) => nameOf(context, member.userId),
    }),
  }),
});

const WatchAudienceRef = builder.objectRef<CommunicationAudience>('WatchAudience').implement({
  description: 'Who a note was passed on to: members and free groups ("formateurs")',
  fields: (t) => ({
    members: t.field({
      type: [WatchAudienceMemberRef],
      resolve: (audience) => audience.memberIds.map((userId) => ({ userId })),
    }),
    groups: t.exposeStringList('groups'),
  }),
});

const WatchStepRef = builder.objectRef<WatchStepRow>('WatchNoteStep').implement({
  description: 'One step of a note: who, when, what',
  fields: (t) => ({
    revision: t.exposeInt('revision'),
    step: t.field({ type: WatchStepKindEnum, resolve: (row) => row.step }),
    on: t.field({
      type: 'Date',
      nullable: true,
      description: 'The information’s date (recorded, edited), the analysis day, or the communication day',
      resolve: (row) => row.step_on,
    }),
    impact: t.field({ type: WatchImpactEnum, nullable: true, resolve: (row) => row.impact }),
    channel: t.field({ type: WatchChannelEnum, nullable: true, resolve: (row) => row.channel }),
    audience: t.field({ type: WatchAudienceRef, nullable: true, resolve: (row) => row.audience }),
    text: t.exposeString('text', { nullable: true }),
    decision: t.exposeString('decision', { nullable: true }),
    changes: t.exposeString('changes', { nullable: true }),
    byName: t.string({ nullable: true, resolve: (row, _args, context) => nameOf(context, row.by) }),
    at: t.field({ type: 'DateTime', resolve: (row) => row.at }),
  }),
});

const WatchImprovementRef = builder.objectRef<WatchImprovementRow>('WatchNoteImprovementRequest').implement({
  description: 'An improvement action asked for from a note (the actions slice carries it out)',
  fields: (t) => ({
    requestId: t.exposeID('request_id'),
    title: t.exposeString('title'),
    requestedByName: t.string({
      nullable: true,
      resolve: (row, _args, context) => nameOf(context, row.requested_by),
    }),
    requestedAt: t.field({ type: 'DateTime', resolve: (row) => row.requested_at }),
  }),
});

const flags = async (row: WatchNoteRow, context: GraphQLContext) =>
  flagsOf(row, await settingsFor(context).load(row.organisation_id), today(context));

const WatchNoteRef = builder.objectRef<WatchNoteRow>('WatchNote').implement({
  description:
    'A watch note (criterion 6): source, analysis, decision, internal communication, resulting actions',
  fields: (t) => ({
    id: t.exposeID('id'),
    theme: t.field({ type: WatchThemeEnum, resolve: (row) => row.theme }),
    indicators: t.field({
      type: ['Int'],
      resolve: async (row, _args, context) => [...(await flags(row, context)).indicators],
    }),
    title: t.exposeString('title'),
    sourceName: t.exposeString('source_name'),
    sourceUrl: t.exposeString('source_url', { nullable: true }),
    informationOn: t.field({ type: 'Date', resolve: (row) => row.information_on }),
    summary: t.exposeString('summary'),
    erased: t.boolean({ resolve: (row) => row.summary === ERASED }),
    recordedOn: t.field({
      type: 'Date',
      description: 'The Paris day it was recorded',
      resolve: (row) => row.recorded_on,
    }),
    recordedByName: t.string({
      nullable: true,
      resolve: (row, _args, context) => nameOf(context, row.recorded_by),
    }),
    status: t.field({
      type: WatchStatusEnum,
      resolve: (row) => (row.archived ? 'archived' : row.analysed_on ? 'analysed' : 'to_analyse'),
    }),
    impact: t.field({ type: WatchImpactEnum, nullable: true, resolve: (row) => row.impact }),
    analysis: t.exposeString('analysis', { nullable: true }),
    decision: t.exposeString('decision', { nullable: true }),
    changes: t.exposeString('changes', { nullable: true }),
    analysedOn: t.field({ type: 'Date', nullable: true, resolve: (row) => row.analysed_on }),
    communications: t.exposeInt('communications'),
    lastCommunicatedOn: t.field({ type: 'Date', nullable: true, resolve: (row) => row.last_communicated_on }),
    archived: t.exposeBoolean('archived'),
    exploitDueOn: t.field({
      type: 'Date',
      description: 'The last Paris day to analyse it within the organisation’s delay',
      resolve: async (row, _args, context) => (await flags(row, context)).dueOn,
    }),
    notExploited: t.boolean({
      description: 'Still not analysed after its delay (today in Paris): the classic minor non-conformity',
      resolve: async (row, _args, context) => (await flags(row, context)).notExploited,
    }),
    communicationMissing: t.boolean({
      description: 'Its theme asks for an internal communication (indicator 23) and none is recorded yet',
      resolve: async (row, _args, context) => (await flags(row, context)).communicationMissing,
    }),
    revision: t.exposeInt('revision', { description: 'Send it as If-Match with the next step' }),
    steps: t.field({
      type: [WatchStepRef],
      description: 'Every step, oldest first',
      resolve: (row, _args, context) => stepsById(context).load(row.id),
    }),
    improvementRequests: t.field({
      type: [WatchImprovementRef],
      resolve: (row, _args, context) => improvementsById(context).load(row.id),
    }),
  }),
});

const WatchThemeCountRef = builder
  .objectRef<Awaited<ReturnType<typeof watchCounters>>[number]>('WatchThemeCount')
  .implement({
    fields: (t) => ({
      theme: t.field({ type: WatchThemeEnum, resolve: (row) => row.theme }),
      total: t.exposeInt('total'),
      toAnalyse: t.exposeInt('toAnalyse'),
      notExploited: t.exposeInt('notExploited'),
      communicationMissing: t.exposeInt('communicationMissing'),
    }),
  });

const WatchSettingsRef = builder.objectRef<WatchSettings & { revision: number }>('WatchSettings').implement({
  description: `The delay to analyse a note, in calendar days (${MIN_EXPLOIT_WITHIN_DAYS}–${MAX_EXPLOIT_WITHIN_DAYS}, default ${DEFAULT_EXPLOIT_WITHIN_DAYS})`,
  fields: (t) => ({
    exploitWithinDays: t.exposeInt('exploitWithinDays'),
    revision: t.exposeInt('revision', { description: 'Send it as If-Match; -1 while the default applies' }),
  }),
});

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

builder.queryField('watchNotes', (t) =>
  t.field({
    type: [WatchNoteRef],
    authScopes: { member: true },
    description: `The watch register, latest recorded first (at most 1000); from and to are inclusive Paris days of recording`,
    args: {
      theme: t.arg({ type: WatchThemeEnum, required: false }),
      status: t.arg({ type: WatchStatusEnum, required: false }),
      notExploited: t.arg.boolean({ required: false }),
      from: t.arg({ type: 'Date', required: false }),
      to: t.arg({ type: 'Date', required: false }),
      search: t.arg.string({ required: false }),
    },
    resolve: (_root, args, context) => {
      if (args.from && args.to && args.to < args.from) throw badInput('The period ends before it starts');
      if (args.search && args.search.length > 200) throw badInput('search is at most 200 characters');
      return listWatchNotes(context.db, organisationOf(context), args, today(context));
    },
  }),
);

builder.queryField('watchNote', (t) =>
  t.field({
    type: WatchNoteRef,
    nullable: true,
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      if (!isUuid(id)) return null;
      return (await findWatchNote(context.db, organisationOf(context), id)) ?? null;
    },
  }),
);

builder.queryField('watchCounters', (t) =>
  t.field({
    type: [WatchThemeCountRef],
    authScopes: { member: true },
    description:
      'Per theme: notes, notes to analyse, not exploited, missing their communication (today in Paris)',
    resolve: (_root, _args, context) => watchCounters(context.db, organisationOf(context), today(context)),
  }),
);

builder.queryField('watchSettings', (t) =>
  t.field({
    type: WatchSettingsRef,
    authScopes: { member: true },
    resolve: async (_root, _args, context) => {
      const organisationId = organisationOf(context);
      const [settings, revision] = await Promise.all([
        watchSettings(context.db, organisationId),
        watchSettingsRevision(context.db, organisationId),
      ]);
      return { ...settings, revision };
    },
  }),
);
