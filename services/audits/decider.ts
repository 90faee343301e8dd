import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import { isCalendarDay } from './cycle';
import type { AuditCancelReason, AuditEvent, AuditKind, AuditReportFile } from './events';

export type AuditStatus = 'planned' | 'held' | 'report_received' | 'cancelled';

export type AuditCommand =
  | {
      type: 'PlanAudit';
      auditId: string;
      kind: AuditKind;
      certifierName: string;
      plannedFrom: string;
      plannedTo: string;
    }
  | { type: 'RescheduleAudit'; plannedFrom: string; plannedTo: string }
  | { type: 'CancelAudit'; reason: AuditCancelReason }
  /** `today` is the Paris day of the command: an audit is recorded as held once it took place. */
  | { type: 'HoldAudit'; heldFrom: string; heldTo: string; today: string }
  | { type: 'ReceiveReport'; receivedOn: string; report: AuditReportFile | null; today: string };

export interface AuditState {
  auditId: string | null;
  kind: AuditKind | null;
  status: AuditStatus;
  plannedFrom: string | null;
  plannedTo: string | null;
  heldFrom: string | null;
  heldTo: string | null;
}

/** A span of Paris days, the first on or before the last. */
export const checkSpan = (from: string, to: string, code: string) => {
  if (!isCalendarDay(from) || !isCalendarDay(to) || to < from) {
    throw badRequest(code, 'The first day is a date YYYY-MM-DD on or before the last day', { from, to });
  }
};

const existing = (state: AuditState) => {
  if (!state.auditId) throw notFound('audit_not_found', 'No such audit');
  return state.auditId;
};

const mustBe = (state: AuditState, status: AuditStatus, code: string, message: string) => {
  if (state.status !== status) throw conflict(code, message, { status: state.status });
};

/** One stream per audit: planned (maybe rescheduled or cancelled), held, then its report received. */
export const auditDecider: Decider<AuditState, AuditCommand, AuditEvent> = {
  initialState: {
    auditId: null,
    kind: null,
    status: 'planned',
    plannedFrom: null,
    plannedTo: null,
    heldFrom: null,
    heldTo: null,
  },

  evolve(state, event) {
    switch (event.type) {
      case 'AuditPlanned':
        return {
          ...state,
          auditId: event.data.auditId,
          kind: event.data.kind,
          status: 'planned',
          plannedFrom: event.data.plannedFrom,
          plannedTo: event.data.plannedTo,
        };
      case 'AuditRescheduled':
        return { ...state, plannedFrom: event.data.plannedFrom, plannedTo: event.data.plannedTo };
      case 'AuditCancelled':
        return { ...state, status: 'cancelled' };
      case 'AuditHeld':
        return { ...state, status: 'held', heldFrom: event.data.heldFrom, heldTo: event.data.heldTo };
      case 'AuditReportReceived':
        return { ...state, status: 'report_received' };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'PlanAudit': {
        if (state.auditId) throw conflict('audit_exists', 'This audit is already planned');
        checkSpan(command.plannedFrom, command.plannedTo, 'audit_dates_invalid');
        const { type: _, ...data } = command;
        return [{ type: 'AuditPlanned', data }];
      }
      case 'RescheduleAudit': {
        const auditId = existing(state);
        mustBe(state, 'planned', 'audit_not_planned', 'Only a planned audit can be rescheduled');
        checkSpan(command.plannedFrom, command.plannedTo, 'audit_dates_invalid');
        if (command.plannedFrom === state.plannedFrom && command.plannedTo === state.plannedTo) return [];
        return [
          {
            type: 'AuditRescheduled',
            data: { auditId, plannedFrom: command.plannedFrom, plannedTo: command.plannedTo },
          },
        ];
      }
      case 'CancelAudit': {
        const auditId = existing(state);
        if (state.status === 'cancelled') return [];
        mustBe(state, 'planned', 'audit_not_planned', 'Only a planned audit can be cancelled');
        return [{ type: 'AuditCancelled', data: { auditId, reason: command.reason } }];
      }
      case 'HoldAudit': {
        const auditId = existing(state);
        mustBe(state, 'planned', 'audit_not_planned', 'Only a planned audit can be recorded as held');
        checkSpan(command.heldFrom, command.heldTo, 'audit_dates_invalid');
        if (command.heldTo > command.today) {
          throw badRequest('audit_date_in_future', 'An audit is recorded as held once it took place', {
            heldTo: command.heldTo,
            today: command.today,
          });
        }
        return [{ type: 'AuditHeld', data: { auditId, heldFrom: command.heldFrom, heldTo: command.heldTo } }];
      }
      case 'ReceiveReport': {
        const auditId = existing(state);
        mustBe(state, 'held', 'audit_not_held', 'The report of an audit is received once it was held');
        if (
          !isCalendarDay(command.receivedOn) ||
          command.receivedOn < state.heldFrom! ||
          command.receivedOn > command.today
        ) {
          throw badRequest('report_date_invalid', 'The report is received between the audit and today', {
            receivedOn: command.receivedOn,
            heldFrom: state.heldFrom,
            today: command.today,
          });
        }
        return [
          {
            type: 'AuditReportReceived',
            data: { auditId, receivedOn: command.receivedOn, report: command.report },
          },
        ];
      }
    }
  },
};
