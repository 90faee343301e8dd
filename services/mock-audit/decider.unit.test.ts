import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { CHECKPOINTS, checkpointsOf, STAKEHOLDER_GROUPS } from './checkpoints';
import { findingActionDecider, mockAuditDecider } from './decider';
import type { MockAuditEvent } from './events';

const spec = deciderSpec(mockAuditDecider);
const mockAuditId = 'm1';
const started: MockAuditEvent = {
  type: 'MockAuditStarted',
  data: {
    mockAuditId,
    startedOn: '2026-12-01',
    referentialVersion: '2019',
    indicators: [1, 30, 31, 32],
    startedBy: 'u1',
  },
};
const finding = (findingId: string, indicator: number, grade: 'major' | 'minor' | 'observation') =>
  ({
    type: 'MockAuditFindingRecorded',
    data: { mockAuditId, findingId, indicator, grade, text: 'Constat', recordedBy: 'u1' },
  }) as const;
const completed: MockAuditEvent = {
  type: 'MockAuditCompleted',
  data: { mockAuditId, completedOn: '2026-12-02', completedBy: 'u1', majors: 0, minors: 0, observations: 0 },
};
const record = (indicator: number, grade: 'major' | 'minor' | 'observation', findingId = 'f1') => ({
  type: 'RecordFinding' as const,
  findingId,
  indicator,
  grade,
  text: 'Constat',
  recordedBy: 'u1',
});

describe('mock audit: scope and checkpoints', () => {
  it('refuses to start a mock audit with no indicator', () => {
    spec
      .given([])
      .when({ ...started.data, type: 'StartMockAudit', indicators: [] })
      .thenRejects('scope_empty', 400);
  });
  it('ticks a checkpoint of an indicator in scope once, and unticks it', () => {
    const tick = { type: 'TickCheckpoint' as const, indicator: 31, checkpoint: 'acknowledgement', by: 'u1' };
    const ticked = spec.given([started]).when(tick).decided();
    expect(ticked).toMatchObject([{ type: 'MockAuditCheckpointTicked' }]);
    spec
      .given([started, ...ticked])
      .when(tick)
      .thenNothing();
    spec
      .given([started, ...ticked])
      .when({ ...tick, type: 'UntickCheckpoint' })
      .thenMatches([{ type: 'MockAuditCheckpointUnticked' }]);
  });
  it('refuses a checkpoint the indicator does not have', () => {
    spec
      .given([started])
      .when({ type: 'TickCheckpoint', indicator: 31, checkpoint: 'nonsense', by: 'u1' })
      .thenRejects('unknown_checkpoint', 400);
  });
  it('refuses a checkpoint or a finding on an indicator outside the scope', () => {
    spec
      .given([started])
      .when({ type: 'TickCheckpoint', indicator: 2, checkpoint: 'published', by: 'u1' })
      .thenRejects('indicator_outside_scope', 400);
    spec.given([started]).when(record(2, 'minor')).thenRejects('indicator_outside_scope', 400);
  });
  it('answers a command on a mock audit that does not exist as not found', () => {
    spec.given([]).when(record(31, 'major')).thenRejects('mock_audit_not_found', 404);
  });
});

describe('mock audit: findings graded by the real rules', () => {
  it('records a major finding on 31', () => {
    spec
      .given([started])
      .when(record(31, 'major'))
      .thenEmits([finding('f1', 31, 'major')]);
  });
  it('refuses a minor on a major-only indicator (31, 32), as the audits slice does', () => {
    spec.given([started]).when(record(31, 'minor')).thenRejects('minor_on_major_only_indicator', 400);
    spec.given([started]).when(record(32, 'minor')).thenRejects('minor_on_major_only_indicator', 400);
  });
  it('accepts a minor on a graded indicator (30) and an observation on a major-only one', () => {
    spec
      .given([started])
      .when(record(30, 'minor'))
      .thenEmits([finding('f1', 30, 'minor')]);
    spec
      .given([started])
      .when(record(31, 'observation'))
      .thenEmits([finding('f1', 31, 'observation')]);
  });
  it('refuses findings, ticks and withdrawals once the mock audit is completed', () => {
    spec.given([started, completed]).when(record(31, 'major')).thenRejects('mock_audit_completed', 409);
    spec
      .given([started, completed])
      .when({ type: 'TickCheckpoint', indicator: 31, checkpoint: 'register', by: 'u1' })
      .thenRejects('mock_audit_completed', 409);
  });
  it('withdraws a finding once; an unknown one is not found', () => {
    const withdraw = { type: 'WithdrawFinding' as const, findingId: 'f1', withdrawnBy: 'u1' };
    const withdrawn = spec
      .given([started, finding('f1', 31, 'major')])
      .when(withdraw)
      .decided();
    expect(withdrawn).toMatchObject([{ type: 'MockAuditFindingWithdrawn' }]);
    spec
      .given([started, finding('f1', 31, 'major'), ...withdrawn])
      .when(withdraw)
      .thenNothing();
    spec.given([started]).when(withdraw).thenRejects('finding_not_found', 404);
  });
  it('completes with the standing findings counted by grade, a withdrawn one left out', () => {
    spec
      .given([
        started,
        finding('f1', 31, 'major'),
        finding('f2', 30, 'minor'),
        finding('f3', 1, 'observation'),
        finding('f4', 32, 'major'),
        { type: 'MockAuditFindingWithdrawn', data: { mockAuditId, findingId: 'f4', withdrawnBy: 'u1' } },
      ])
      .when({ type: 'CompleteMockAudit', completedOn: '2026-12-02', completedBy: 'u1' })
      .thenMatches([{ type: 'MockAuditCompleted', data: { majors: 1, minors: 1, observations: 1 } }]);
  });
});

describe('mock audit: a finding turned into an action', () => {
  it('asks for one action per finding: asking again asks nothing more', () => {
    const request = {
      type: 'RequestFindingAction' as const,
      mockAuditId,
      findingId: 'f1',
      indicator: 31,
      requestId: 'r1',
      actionId: 'a1',
      title: 'Corriger',
      requestedBy: 'u1',
    };
    const actions = deciderSpec(findingActionDecider);
    const first = actions.given([]).when(request).decided();
    expect(first).toMatchObject([{ type: 'MockAuditFindingActionRequested', data: { actionId: 'a1' } }]);
    actions.given(first).when(request).thenNothing();
  });
});

describe('mock audit: checkpoints as data', () => {
  it('has checkpoints for every indicator 1 to 32', () => {
    for (let indicator = 1; indicator <= 32; indicator++) {
      expect(CHECKPOINTS[indicator]?.length, `indicator ${indicator}`).toBeGreaterThanOrEqual(2);
    }
  });
  it('walks 30 per stakeholder group: views solicited, relevant frequency, free expression, reminders', () => {
    for (const group of STAKEHOLDER_GROUPS) {
      const codes = checkpointsOf(30)
        .filter((checkpoint) => checkpoint.group === group)
        .map((checkpoint) => checkpoint.code);
      expect(codes).toEqual([
        `${group}.solicited`,
        `${group}.frequency`,
        `${group}.free_expression`,
        `${group}.reminders`,
      ]);
    }
  });
  it('gives each checkpoint of an indicator its own code', () => {
    for (const [indicator, checkpoints] of Object.entries(CHECKPOINTS)) {
      const codes = checkpoints.map((checkpoint) => checkpoint.code);
      expect(new Set(codes).size, `indicator ${indicator}`).toBe(codes.length);
    }
  });
});
