import {
  findingsOf,
  findMockAudit,
  type MockAuditSummary,
  mockAuditsOf,
  ticksOf,
} from '../../projections/mock-audit/queries';
import type { MockAuditFindingRow } from '../../projections/mock-audit/tables';
import { type Checkpoint, checkpointsOf } from '../../services/mock-audit/checkpoints';
import { FINDING_GRADES } from '../../services/mock-audit/events';
import { ERASED } from '../../services/privacy/declarations';
import { findIndicator } from '../../services/referential';
import { builder, isUuid, organisationOf } from '../builder';

const FindingGradeEnum = builder.enumType('MockAuditFindingGrade', { values: FINDING_GRADES });
const MockAuditStatusEnum = builder.enumType('MockAuditStatus', {
  values: ['in_progress', 'completed'] as const,
});

const CheckpointRef = builder.objectRef<Checkpoint & { ticked: boolean }>('MockAuditCheckpoint').implement({
  description: 'What an auditor ticks on an indicator, and whether it is ticked on this mock audit',
  fields: (t) => ({
    code: t.exposeString('code'),
    label: t.string({ description: 'In French', resolve: (point) => point.fr }),
    labelEn: t.string({ resolve: (point) => point.en }),
    group: t.string({
      nullable: true,
      description: 'For indicator 30: learners, trainers, funders or companies',
      resolve: (point) => point.group ?? null,
    }),
    ticked: t.exposeBoolean('ticked'),
  }),
});

const FindingRef = builder.objectRef<MockAuditFindingRow>('MockAuditFinding').implement({
  description: 'A finding of a mock audit: graded as the certifier would, or an observation',
  fields: (t) => ({
    id: t.exposeID('id'),
    indicator: t.exposeInt('indicator'),
    grade: t.field({ type: FindingGradeEnum, resolve: (row) => row.grade }),
    text: t.exposeString('text'),
    erased: t.boolean({ resolve: (row) => row.text === ERASED }),
    recordedAt: t.field({ type: 'DateTime', resolve: (row) => row.recorded_at }),
    withdrawn: t.boolean({ resolve: (row) => row.withdrawn_at !== null }),
    actionId: t.id({
      nullable: true,
      description: 'The improvement action it started, once asked for',
      resolve: (row) => row.action_id,
    }),
  }),
});

interface WalkedIndicator {
  number: number;
  criterion: number;
  title: string;
  majorOnly: boolean;
  checkpoints: (Checkpoint & { ticked: boolean })[];
  findings: MockAuditFindingRow[];
}

const IndicatorRef = builder.objectRef<WalkedIndicator>('MockAuditIndicator').implement({
  description: 'An indicator as the mock audit walks it: its checkpoints and findings',
  fields: (t) => ({
    number: t.exposeInt('number'),
    criterion: t.exposeInt('criterion'),
    title: t.exposeString('title', { description: 'The official French wording' }),
    majorOnly: t.exposeBoolean('majorOnly', { description: 'Any finding on it is major' }),
    checkpoints: t.field({ type: [CheckpointRef], resolve: (row) => row.checkpoints }),
    findings: t.field({ type: [FindingRef], resolve: (row) => row.findings }),
  }),
});

const MockAuditRef = builder.objectRef<MockAuditSummary>('MockAudit').implement({
  description: 'A mock audit (pre-audit): the indicators walked in the auditor’s order, its findings',
  fields: (t) => ({
    id: t.exposeID('id'),
    startedOn: t.field({ type: 'Date', resolve: (row) => row.started_on }),
    referentialVersion: t.exposeString('referential_version'),
    status: t.field({
      type: MockAuditStatusEnum,
      resolve: (row) => (row.completed_on ? 'completed' : 'in_progress'),
    }),
    completedOn: t.field({ type: 'Date', nullable: true, resolve: (row) => row.completed_on }),
    scope: t.intList({ description: 'The indicators walked, in order', resolve: (row) => row.indicators }),
    majors: t.exposeInt('majors'),
    minors: t.exposeInt('minors'),
    observations: t.exposeInt('observations'),
    revision: t.int({ resolve: (row) => Number(row.revision) }),
    indicators: t.field({
      type: [IndicatorRef],
      description: 'Each indicator in scope, in the auditor’s order, with its checkpoints and findings',
      resolve: async (row, _args, context) => {
        const organisationId = organisationOf(context);
        const [ticks, findings] = await Promise.all([
          ticksOf(context.db, organisationId, row.id),
          findingsOf(context.db, organisationId, row.id),
        ]);
        const ticked = new Set(ticks.map((tick) => `${tick.indicator}/${tick.checkpoint}`));
        return row.indicators.map((number) => {
          const indicator = findIndicator(number, row.referential_version);
          return {
            number,
            criterion: indicator?.criterion ?? 0,
            title: indicator?.title ?? '',
            majorOnly: indicator?.majorOnly ?? false,
            checkpoints: checkpointsOf(number).map((point) => ({
              ...point,
              ticked: ticked.has(`${number}/${point.code}`),
            })),
            findings: findings.filter((finding) => finding.indicator === number),
          };
        });
      },
    }),
  }),
});

builder.queryField('mockAudits', (t) =>
  t.field({
    type: [MockAuditRef],
    authScopes: { member: true },
    description: 'The organisation’s mock audits, latest first',
    resolve: (_root, _args, context) => mockAuditsOf(context.db, organisationOf(context)),
  }),
);

builder.queryField('mockAudit', (t) =>
  t.field({
    type: MockAuditRef,
    nullable: true,
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      if (!isUuid(id)) return null;
      return (await findMockAudit(context.db, organisationOf(context), id)) ?? null;
    },
  }),
);
