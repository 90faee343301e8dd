import { GraphQLError } from 'graphql';
import {
  countEvidence,
  type EvidenceItemKey,
  type EvidencePeriod,
  evidenceSummary,
  evidenceTimeline,
} from '../../projections/evidence/queries';
import type { EvidenceItemRow } from '../../projections/evidence/tables';
import { startOfNextParisDay, startOfParisDay } from '../../services/kernel/paris-time';
import { builder, organisationOf } from '../builder';
import { instantAndIdCursor, keysetConnection } from '../paging';

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
  }),
});

const IndicatorEvidenceCountRef = builder
  .objectRef<{ indicator: number; count: number; last_at: Date | null }>('IndicatorEvidenceCount')
  .implement({
    fields: (t) => ({
      indicator: t.exposeInt('indicator'),
      count: t.exposeInt('count'),
      lastAt: t.field({ type: 'DateTime', nullable: true, resolve: (row) => row.last_at }),
    }),
  });

const periodOf = (from?: string | null, to?: string | null): EvidencePeriod => {
  if (from && to && to < from) {
    throw new GraphQLError('The period ends before it starts', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return { from: from ? startOfParisDay(from) : undefined, to: to ? startOfNextParisDay(to) : undefined };
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
        newestFirst: t.arg.boolean({ required: false, defaultValue: false }),
      },
      resolve: async (_root, args, context) => {
        if (args.indicator < 1 || args.indicator > 33) {
          throw new GraphQLError('indicator must be between 1 and 33', {
            extensions: { code: 'BAD_USER_INPUT' },
          });
        }
        const organisationId = organisationOf(context);
        const period = periodOf(args.from, args.to);
        const newestFirst = args.newestFirst ?? false;
        const connection = await keysetConnection(
          args,
          evidenceCursor,
          (row: EvidenceItemRow) => ({ occurredAt: row.occurred_at, eventId: row.event_id }),
          (page) =>
            evidenceTimeline(context.db, organisationId, args.indicator, period, { ...page, newestFirst }),
        );
        // Counted only when a client asks for totalCount.
        return {
          ...connection,
          countTotal: () => countEvidence(context.db, organisationId, args.indicator, period),
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
    description: 'How much evidence each indicator has over a period (inclusive Paris dates)',
    args: {
      from: t.arg({ type: 'Date', required: false }),
      to: t.arg({ type: 'Date', required: false }),
    },
    resolve: (_root, args, context) =>
      evidenceSummary(context.db, organisationOf(context), periodOf(args.from, args.to)),
  }),
);
