import { GraphQLError } from 'graphql';
import { parisDate } from '../../services/kernel/paris-time';
import {
  computeReadiness,
  defaultReadinessPeriod,
  type IndicatorReadiness,
  type NextAudit,
  nextAudit,
  type Readiness,
  type ReadinessCounts,
  type ReadinessReason,
} from '../../services/readiness';
import { builder, organisationOf } from '../builder';
import { AuditKindEnum, DateSpanRef } from './audits';

const ReadinessStatusEnum = builder.enumType('ReadinessStatus', {
  values: ['ready', 'at_risk', 'missing'] as const,
});

const ReadinessReasonRef = builder.objectRef<ReadinessReason>('ReadinessReason').implement({
  description:
    'Why an indicator is not ready: the rule that found it (its code), said in French and in English',
  fields: (t) => ({
    code: t.exposeString('code'),
    severity: t.field({ type: ReadinessStatusEnum, resolve: (reason) => reason.severity }),
    fr: t.exposeString('fr'),
    en: t.exposeString('en'),
  }),
});

const IndicatorReadinessRef = builder.objectRef<IndicatorReadiness>('IndicatorReadiness').implement({
  fields: (t) => ({
    number: t.exposeInt('number'),
    status: t.field({ type: ReadinessStatusEnum, resolve: (indicator) => indicator.status }),
    reasons: t.field({ type: [ReadinessReasonRef], resolve: (indicator) => [...indicator.reasons] }),
  }),
});

const ReadinessCountsRef = builder.objectRef<ReadinessCounts>('ReadinessCounts').implement({
  fields: (t) => ({
    ready: t.exposeInt('ready'),
    atRisk: t.exposeInt('atRisk'),
    missing: t.exposeInt('missing'),
  }),
});

const NextAuditRef = builder.objectRef<NextAudit>('NextAudit').implement({
  fields: (t) => ({
    date: t.field({ type: 'Date', resolve: (audit) => audit.date }),
    daysLeft: t.exposeInt('daysLeft'),
    kind: t.field({ type: AuditKindEnum, resolve: (audit) => audit.kind }),
  }),
});

const AuditReadinessRef = builder
  .objectRef<Readiness & { nextAudit: NextAudit | null }>('AuditReadiness')
  .implement({
    description: 'Each applicable indicator ready, at risk or missing for the audit, with its reasons',
    fields: (t) => ({
      period: t.field({ type: DateSpanRef, resolve: (readiness) => readiness.period }),
      nextAudit: t.field({ type: NextAuditRef, nullable: true, resolve: (readiness) => readiness.nextAudit }),
      indicators: t.field({
        type: [IndicatorReadinessRef],
        resolve: (readiness) => [...readiness.indicators],
      }),
      counts: t.field({ type: ReadinessCountsRef, resolve: (readiness) => readiness.counts }),
    }),
  });

builder.queryField('auditReadiness', (t) =>
  t.field({
    type: AuditReadinessRef,
    authScopes: { member: true },
    description:
      'Audit readiness of each applicable indicator over a period of inclusive Paris dates (default: from the day after the last audit held, or a year back, to today), seen on its last day',
    args: {
      from: t.arg({ type: 'Date', required: false }),
      to: t.arg({ type: 'Date', required: false }),
    },
    resolve: async (_root, args, context) => {
      const organisationId = organisationOf(context);
      const today = parisDate(context.clock.now());
      const to = args.to ?? today;
      if (args.from && to < args.from) {
        throw new GraphQLError('The period ends before it starts', {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      const period = args.from
        ? { from: args.from, to }
        : await defaultReadinessPeriod(context.db, organisationId, to);
      // A period that ended is seen from its last day; one that runs on, from today.
      let seenOn = today;
      if (to < today) seenOn = to;
      const [readiness, next] = await Promise.all([
        computeReadiness(context.db, organisationId, period, seenOn),
        nextAudit(context.db, organisationId, today),
      ]);
      return { ...readiness, nextAudit: next };
    },
  }),
);
