import { checkGradeOfIndicator } from '../audits/nc-decider';
import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import { findIndicator } from '../referential';
import { isCheckpointOf } from './checkpoints';
import type {
  FindingGrade,
  MockAuditEvent,
  MockAuditFindingActionEvent,
  MockAuditFindingActionRequested,
} from './events';

export type MockAuditCommand =
  | {
      type: 'StartMockAudit';
      mockAuditId: string;
      startedOn: string;
      referentialVersion: string;
      /** Already checked by the route against the organisation's applicable indicators, in the auditor's order. */
      indicators: number[];
      startedBy: string;
    }
  | { type: 'TickCheckpoint'; indicator: number; checkpoint: string; by: string }
  | { type: 'UntickCheckpoint'; indicator: number; checkpoint: string; by: string }
  | {
      type: 'RecordFinding';
      findingId: string;
      indicator: number;
      grade: FindingGrade;
      text: string;
      recordedBy: string;
    }
  | { type: 'WithdrawFinding'; findingId: string; withdrawnBy: string }
  | { type: 'CompleteMockAudit'; completedOn: string; completedBy: string };

export interface MockAuditFinding {
  indicator: number;
  grade: FindingGrade;
  withdrawn: boolean;
}

export interface MockAuditState {
  mockAuditId: string | null;
  referentialVersion: string;
  indicators: readonly number[];
  /** `<indicator>/<checkpoint>` of every ticked checkpoint. */
  ticked: readonly string[];
  findings: Readonly<Record<string, MockAuditFinding>>;
  completed: boolean;
}

const tickKey = (indicator: number, checkpoint: string) => `${indicator}/${checkpoint}`;

const existing = (state: MockAuditState) => {
  if (!state.mockAuditId) throw notFound('mock_audit_not_found', 'No such mock audit');
  return state.mockAuditId;
};

/** A completed mock audit is a record: nothing is ticked, found or withdrawn after it. */
const open = (state: MockAuditState) => {
  const mockAuditId = existing(state);
  if (state.completed) throw conflict('mock_audit_completed', 'This mock audit is completed');
  return mockAuditId;
};

const inScope = (state: MockAuditState, indicator: number) => {
  if (!state.indicators.includes(indicator)) {
    throw badRequest('indicator_outside_scope', `Indicator ${indicator} is not in this mock audit's scope`, {
      indicator,
      scope: state.indicators,
    });
  }
};

const knownCheckpoint = (indicator: number, checkpoint: string) => {
  if (!isCheckpointOf(indicator, checkpoint)) {
    throw badRequest('unknown_checkpoint', `Indicator ${indicator} has no checkpoint ${checkpoint}`, {
      indicator,
      checkpoint,
    });
  }
};

/** The findings still standing (not withdrawn). */
export const standingFindings = (state: MockAuditState) =>
  Object.entries(state.findings).filter(([, finding]) => !finding.withdrawn);

/** One stream per mock audit: started on a scope, its checkpoints ticked, findings recorded or withdrawn, completed. */
export const mockAuditDecider: Decider<MockAuditState, MockAuditCommand, MockAuditEvent> = {
  initialState: {
    mockAuditId: null,
    referentialVersion: '',
    indicators: [],
    ticked: [],
    findings: {},
    completed: false,
  },

  evolve(state, event) {
    switch (event.type) {
      case 'MockAuditStarted':
        return {
          ...state,
          mockAuditId: event.data.mockAuditId,
          referentialVersion: event.data.referentialVersion,
          indicators: event.data.indicators,
        };
      case 'MockAuditCheckpointTicked':
        return { ...state, ticked: [...state.ticked, tickKey(event.data.indicator, event.data.checkpoint)] };
      case 'MockAuditCheckpointUnticked': {
        const key = tickKey(event.data.indicator, event.data.checkpoint);
        return { ...state, ticked: state.ticked.filter((ticked) => ticked !== key) };
      }
      case 'MockAuditFindingRecorded':
        return {
          ...state,
          findings: {
            ...state.findings,
            [event.data.findingId]: {
              indicator: event.data.indicator,
              grade: event.data.grade,
              withdrawn: false,
            },
          },
        };
      case 'MockAuditFindingWithdrawn': {
        const finding = state.findings[event.data.findingId];
        if (!finding) return state;
        return {
          ...state,
          findings: { ...state.findings, [event.data.findingId]: { ...finding, withdrawn: true } },
        };
      }
      case 'MockAuditCompleted':
        return { ...state, completed: true };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'StartMockAudit': {
        if (state.mockAuditId) throw conflict('mock_audit_exists', 'This mock audit is already started');
        if (command.indicators.length === 0) {
          throw badRequest('scope_empty', 'A mock audit walks at least one indicator');
        }
        const { type: _, ...data } = command;
        return [{ type: 'MockAuditStarted', data }];
      }
      case 'TickCheckpoint':
      case 'UntickCheckpoint': {
        const mockAuditId = open(state);
        inScope(state, command.indicator);
        knownCheckpoint(command.indicator, command.checkpoint);
        const ticked = state.ticked.includes(tickKey(command.indicator, command.checkpoint));
        const data = {
          mockAuditId,
          indicator: command.indicator,
          checkpoint: command.checkpoint,
          by: command.by,
        };
        if (command.type === 'TickCheckpoint') {
          return ticked ? [] : [{ type: 'MockAuditCheckpointTicked', data }];
        }
        return ticked ? [{ type: 'MockAuditCheckpointUnticked', data }] : [];
      }
      case 'RecordFinding': {
        const mockAuditId = open(state);
        inScope(state, command.indicator);
        if (state.findings[command.findingId]) {
          throw conflict('finding_exists', 'This finding is already recorded');
        }
        const indicator = findIndicator(command.indicator, state.referentialVersion);
        // The audits slice's grading rule: a finding on a major-only indicator is major (an observation is none).
        checkGradeOfIndicator(command.grade, command.indicator, indicator?.majorOnly ?? false);
        const { type: _, ...rest } = command;
        return [{ type: 'MockAuditFindingRecorded', data: { mockAuditId, ...rest } }];
      }
      case 'WithdrawFinding': {
        const mockAuditId = open(state);
        const finding = state.findings[command.findingId];
        if (!finding) throw notFound('finding_not_found', 'No such finding in this mock audit');
        if (finding.withdrawn) return [];
        return [
          {
            type: 'MockAuditFindingWithdrawn',
            data: { mockAuditId, findingId: command.findingId, withdrawnBy: command.withdrawnBy },
          },
        ];
      }
      case 'CompleteMockAudit': {
        const mockAuditId = existing(state);
        if (state.completed) return [];
        const standing = standingFindings(state).map(([, finding]) => finding.grade);
        const count = (grade: FindingGrade) => standing.filter((found) => found === grade).length;
        return [
          {
            type: 'MockAuditCompleted',
            data: {
              mockAuditId,
              completedOn: command.completedOn,
              completedBy: command.completedBy,
              majors: count('major'),
              minors: count('minor'),
              observations: count('observation'),
            },
          },
        ];
      }
    }
  },
};

export type FindingActionCommand = { type: 'RequestFindingAction' } & MockAuditFindingActionRequested['data'];

/** One action per finding: asking again asks nothing more (the same action answers). */
export const findingActionDecider: Decider<
  { actionId: string | null },
  FindingActionCommand,
  MockAuditFindingActionEvent
> = {
  initialState: { actionId: null },
  evolve: (_state, event) => ({ actionId: event.data.actionId }),
  decide(command, state) {
    if (state.actionId) return [];
    const { type: _, ...data } = command;
    return [{ type: 'MockAuditFindingActionRequested', data }];
  },
};
