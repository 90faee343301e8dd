import { GraphQLError } from 'graphql';
import {
  countEvidence,
  type EvidenceFilter,
  type EvidenceItemKey,
  evidenceSites,
  evidenceSummary,
  evidenceTimeline,
  type IndicatorEvidenceCount,
  indicatorEvidence,
} from '../../projections/evidence/queries';
import type { EvidenceItemRow } from '../../projections/evidence/tables';
import { kindLabel, sourceLabel } from '../../services/binder/kinds';
import { startOfNextParisDay, startOfParisDay } from '../../services/kernel/paris-time';
import type { ActionCategory } from '../../services/training/events';
import { builder, organisationOf } from '../builder';
import { instantAndIdCursor, keysetConnection } from '../paging';
import { ActionCategoryEnum } from './training';

const EvidenceItemRef = builder.objectRef<EvidenceItemRow>('EvidenceItem').implement({
  description: 'One fact that evidences an RNQ indicator',
  fields: (t) => ({
    id: t.id({ resolve: (item) => `${item.event_id}:${item.indicator}` }),
    indicator: t.exposeInt('indicator'),
    occurredAt: t.field({ type: 'DateTime', resolve: (item) => item.occurred_at }),
    kind: t.exposeString('kind'),
    title: t.exposeString('title'),
    summary: t.exposeString('summary', { nullable: true }),
    sourceType: t.exposeString('source_type'),
    sourceId: t.exposeID('source_id'),
    eventId: t.exposeID('event_id'),
    eventType: t.exposeString('event_type'),
    site: t.exposeString('site', {
      nullable: true,
      description: 'Where the session it concerns takes place',
    }),
    category: t.field({
      type: ActionCategoryEnum,
      nullable: true,
      description: 'The category of the training action it concerns',
      resolve: (item) => item.action_category,
    }),
  }),
});

const IndicatorEvidenceCountRef = builder
  .objectRef<IndicatorEvidenceCount>('IndicatorEvidenceCount')
  .implement({
    fields: (t) => ({
      indicator: t.exposeInt('indicator'),
      count: t.exposeInt('count'),
      firstAt: t.field({ type: 'DateTime', nullable: true, resolve: (row) => row.first_at }),
      lastAt: t.field({ type: 'DateTime', nullable: true, resolve: (row) => row.last_at }),
    }),
  });

const EvidenceKindCountRef = builder
  .objectRef<{ kind: string; items: number }>('EvidenceKindCount')
  .implement({
    fields: (t) => ({
      kind: t.exposeString('kind'),
      label: t.string({ description: 'The kind in French', resolve: (row) => kindLabel(row.kind) }),
      items: t.exposeInt('items'),
    }),
  });

const EvidenceSourceCountRef = builder
  .objectRef<{ source_type: string; items: number; sources: number }>('EvidenceSourceCount')
  .implement({
    fields: (t) => ({
      sourceType: t.exposeString('source_type'),
      label: t.string({
        description: 'The source type in French',
        resolve: (row) => sourceLabel(row.source_type),
      }),
      items: t.exposeInt('items'),
      sources: t.exposeInt('sources', { description: 'How many distinct sources of this type' }),
    }),
  });

const IndicatorEvidenceRef = builder
  .objectRef<Awaited<ReturnType<typeof indicatorEvidence>>>('IndicatorEvidence')
  .implement({
    description: "One indicator's evidence at a glance: items, first and last dates, kinds and sources",
    fields: (t) => ({
      indicator: t.exposeInt('indicator'),
      count: t.exposeInt('count'),
      firstAt: t.field({ type: 'DateTime', nullable: true, resolve: (row) => row.first_at }),
      lastAt: t.field({ type: 'DateTime', nullable: true, resolve: (row) => row.last_at }),
      byKind: t.field({ type: [EvidenceKindCountRef], resolve: (row) => row.byKind }),
      bySource: t.field({ type: [EvidenceSourceCountRef], resolve: (row) => row.bySource }),
    }),
  });

const filterOf = (args: {
  from?: string | null;
  to?: string | null;
  site?: string | null;
  category?: ActionCategory | null;
}): EvidenceFilter => {
  const { from, to } = args;
  if (from && to && to < from) {
    throw new GraphQLError('The period ends before it starts', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return {
    from: from ? startOfParisDay(from) : undefined,
    to: to ? startOfNextParisDay(to) : undefined,
    site: args.site?.trim() || undefined,
    category: args.category ?? undefined,
  };
};

const checkIndicator = (indicator: number) => {
  if (indicator < 1 || indicator > 33) {
    throw new GraphQLError('indicator must be between 1 and 33', { extensions: { code: 'BAD_USER_INPUT' } });
  }
};

const evidenceCursor = instantAndIdCursor<EvidenceItemKey>(
  (key) => [key.occurredAt, key.eventId],
  (occurredAt, eventId) => ({ occurredAt, eventId }),
);

builder.queryField('evidenceTimeline', (t) =>
  t.connection(
    {
      type: EvidenceItemRef,
      authScopes: { member: true },
      description:
        'The evidence of one indicator, oldest first unless newestFirst; from and to are inclusive Paris dates',
      args: {
        indicator: t.arg.int({ required: true }),
        from: t.arg({ type: 'Date', required: false }),
        to: t.arg({ type: 'Date', required: false }),
        site: t.arg.string({ required: false }),
        category: t.arg({ type: ActionCategoryEnum, required: false }),
        newestFirst: t.arg.boolean({ required: false, defaultValue: false }),
      },
      resolve: async (_root, args, context) => {
        checkIndicator(args.indicator);
        const organisationId = organisationOf(context);
        const filter = filterOf(args);
        const newestFirst = args.newestFirst ?? false;
        const connection = await keysetConnection(
          args,
          evidenceCursor,
          (row: EvidenceItemRow) => ({ occurredAt: row.occurred_at, eventId: row.event_id }),
          (page) =>
            evidenceTimeline(context.db, organisationId, args.indicator, filter, { ...page, newestFirst }),
        );
        // Counted only when a client asks for totalCount.
        return {
          ...connection,
          countTotal: () => countEvidence(context.db, organisationId, args.indicator, filter),
        };
      },
    },
    {
      fields: (connection) => ({
        totalCount: connection.int({
          resolve: (parent) => (parent as unknown as { countTotal(): Promise<number> }).countTotal(),
        }),
      }),
    },
  ),
);

builder.queryField('evidenceSummary', (t) =>
  t.field({
    type: [IndicatorEvidenceCountRef],
    authScopes: { member: true },
    description:
      'How much evidence each indicator has over a period (inclusive Paris dates), for a site or a category',
    args: {
      from: t.arg({ type: 'Date', required: false }),
      to: t.arg({ type: 'Date', required: false }),
      site: t.arg.string({ required: false }),
      category: t.arg({ type: ActionCategoryEnum, required: false }),
    },
    resolve: (_root, args, context) => evidenceSummary(context.db, organisationOf(context), filterOf(args)),
  }),
);

builder.queryField('indicatorEvidence', (t) =>
  t.field({
    type: IndicatorEvidenceRef,
    authScopes: { member: true },
    description:
      "One indicator's evidence over a period (inclusive Paris dates), for a site or a category: counts by kind and by source",
    args: {
      indicator: t.arg.int({ required: true }),
      from: t.arg({ type: 'Date', required: false }),
      to: t.arg({ type: 'Date', required: false }),
      site: t.arg.string({ required: false }),
      category: t.arg({ type: ActionCategoryEnum, required: false }),
    },
    resolve: (_root, args, context) => {
      checkIndicator(args.indicator);
      return indicatorEvidence(context.db, organisationOf(context), args.indicator, filterOf(args));
    },
  }),
);

builder.queryField('evidenceSites', (t) =>
  t.stringList({
    authScopes: { member: true },
    description: "The sites of the organisation's sessions, to filter the evidence by",
    resolve: (_root, _args, context) => evidenceSites(context.db, organisationOf(context)),
  }),
);
