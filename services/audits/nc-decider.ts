import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import { ERASED } from '../privacy/declarations';
import { isCalendarDay, type NcGrade, requalifiedAtAudit } from './cycle';
import type { AuditStatus } from './decider';
import type { NcAudit, NonConformityActionEvent, NonConformityEvent } from './events';

export type NonConformityCommand =
  | {
      type: 'RecordNonConformity';
      nonConformityId: string;
      /** The audit as its stream stands now (the route folds it): NCs come from a held audit. */
      audit: NcAudit & { status: AuditStatus; heldFrom: string | null };
      indicator: number;
      /** From the referential version of the audit: a major-only indicator has no minor grade. */
      majorOnly: boolean;
      referentialVersion: string;
      grade: NcGrade;
      finding: string;
      notifiedOn: string;
      recordedBy: string;
      today: string;
    }
  | { type: 'SetActionPlan'; actionPlan: string; writtenBy: string }
  | { type: 'Requalify'; atAuditId: string; heldOn: string }
  | {
      type: 'CloseNonConformity';
      closedOn: string;
      evidence: string;
      effective: boolean;
      closedBy: string;
      today: string;
    };

export interface NonConformityState {
  nonConformityId: string | null;
  indicator: number;
  grade: NcGrade;
  notifiedOn: string;
  open: boolean;
  actionPlan: string | null;
}

const existing = (state: NonConformityState) => {
  if (!state.nonConformityId) throw notFound('non_conformity_not_found', 'No such non-conformity');
  return state.nonConformityId;
};

const mustBeOpen = (state: NonConformityState) => {
  if (!state.open) throw conflict('non_conformity_closed', 'This non-conformity is closed');
};

const checkDay = (day: string, code: string, after: string, today: string, message: string) => {
  if (!isCalendarDay(day) || day < after || day > today) {
    throw badRequest(code, message, { day, after, today });
  }
};

/**
 * The grading rule: on a major-only indicator any non-conformity is major, so a minor is refused (400
 * `minor_on_major_only_indicator`). Other grades (a mock audit's observation) are not non-conformities.
 */
export const checkGradeOfIndicator = (grade: string, indicator: number, majorOnly: boolean) => {
  if (grade === 'minor' && majorOnly) {
    throw badRequest(
      'minor_on_major_only_indicator',
      `Indicator ${indicator} is major-only: any non-conformity on it is major`,
      { indicator },
    );
  }
};

/** One stream per non-conformity: recorded from a held audit, its action plan, requalified, closed. */
export const nonConformityDecider: Decider<NonConformityState, NonConformityCommand, NonConformityEvent> = {
  initialState: {
    nonConformityId: null,
    indicator: 0,
    grade: 'minor',
    notifiedOn: '',
    open: false,
    actionPlan: null,
  },

  evolve(state, event) {
    switch (event.type) {
      case 'NonConformityRecorded':
        return {
          ...state,
          nonConformityId: event.data.nonConformityId,
          indicator: event.data.indicator,
          grade: event.data.grade,
          notifiedOn: event.data.notifiedOn,
          open: true,
        };
      case 'NonConformityActionPlanSet':
        return { ...state, actionPlan: event.data.actionPlan };
      case 'NonConformityRequalified':
        return { ...state, grade: 'major', notifiedOn: event.data.requalifiedOn };
      case 'NonConformityClosed':
        return { ...state, open: false };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RecordNonConformity': {
        if (state.nonConformityId)
          throw conflict('non_conformity_exists', 'This non-conformity is already recorded');
        const { audit } = command;
        if ((audit.status !== 'held' && audit.status !== 'report_received') || !audit.heldFrom) {
          throw conflict('audit_not_held', 'Non-conformities are recorded from an audit that was held', {
            status: audit.status,
          });
        }
        checkGradeOfIndicator(command.grade, command.indicator, command.majorOnly);
        checkDay(
          command.notifiedOn,
          'notification_date_invalid',
          audit.heldFrom,
          command.today,
          'A non-conformity is notified on or after the audit’s first day, and not after today',
        );
        return [
          {
            type: 'NonConformityRecorded',
            data: {
              nonConformityId: command.nonConformityId,
              audit: { auditId: audit.auditId, kind: audit.kind },
              indicator: command.indicator,
              referentialVersion: command.referentialVersion,
              grade: command.grade,
              finding: command.finding,
              notifiedOn: command.notifiedOn,
              recordedBy: command.recordedBy,
            },
          },
        ];
      }
      case 'SetActionPlan': {
        const nonConformityId = existing(state);
        mustBeOpen(state);
        if (state.actionPlan === command.actionPlan && state.actionPlan !== ERASED) return [];
        return [
          {
            type: 'NonConformityActionPlanSet',
            data: { nonConformityId, actionPlan: command.actionPlan, writtenBy: command.writtenBy },
          },
        ];
      }
      case 'Requalify': {
        const nonConformityId = existing(state);
        if (!requalifiedAtAudit(state, command.heldOn)) return [];
        return [
          {
            type: 'NonConformityRequalified',
            data: {
              nonConformityId,
              indicator: state.indicator,
              atAuditId: command.atAuditId,
              requalifiedOn: command.heldOn,
            },
          },
        ];
      }
      case 'CloseNonConformity': {
        const nonConformityId = existing(state);
        mustBeOpen(state);
        if (state.grade === 'major' && !command.effective) {
          throw badRequest(
            'effectiveness_not_confirmed',
            'A major non-conformity is closed once its corrective action is judged effective',
          );
        }
        checkDay(
          command.closedOn,
          'closure_date_invalid',
          state.notifiedOn,
          command.today,
          'A non-conformity is closed after its notification, and not after today',
        );
        return [
          {
            type: 'NonConformityClosed',
            data: {
              nonConformityId,
              indicator: state.indicator,
              closedOn: command.closedOn,
              evidence: command.evidence,
              effective: command.effective,
              closedBy: command.closedBy,
            },
          },
        ];
      }
    }
  },
};

export type NonConformityActionCommand = {
  type: 'RequestCorrectiveAction';
  nonConformityId: string;
  requestId: string;
  title: string;
  requestedBy: string;
  indicator: number;
};

/** Each request once: the same request id asks nothing more. */
export const nonConformityActionDecider: Decider<
  { requestIds: readonly string[] },
  NonConformityActionCommand,
  NonConformityActionEvent
> = {
  initialState: { requestIds: [] },
  evolve: (state, event) => ({ requestIds: [...state.requestIds, event.data.requestId] }),
  decide(command, state) {
    if (state.requestIds.includes(command.requestId)) return [];
    const { type: _, ...data } = command;
    return [{ type: 'NonConformityActionRequested', data }];
  },
};
