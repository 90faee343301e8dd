import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import { sameFacts } from '../kernel/facts';
import type {
  ActionContent,
  ActionEvent,
  CancelReason,
  EffectivenessOutcome,
  NotEffectiveNext,
} from './events';

export type ActionStatus = 'planned' | 'in_progress' | 'done' | 'closed' | 'cancelled';
export const ACTION_STATUSES = [
  'planned',
  'in_progress',
  'done',
  'closed',
  'cancelled',
] as const satisfies ActionStatus[];

export const MAX_ORIGINS = 10;
export const MAX_EVIDENCE_FILES = 20;

export type ActionCommand =
  | {
      type: 'PlanAction';
      actionId: string;
      subject: string;
      content: ActionContent;
      requestId: string | null;
      followUpOf: string | null;
      today: string;
    }
  | { type: 'EditAction'; content: ActionContent; today: string }
  | { type: 'StartAction'; today: string }
  | { type: 'NoteProgress'; note: string }
  | { type: 'AttachEvidence'; fileId: string; fileName: string; contentType: string; size: number }
  | { type: 'CompleteAction'; today: string; summary: string | null }
  | {
      type: 'CheckEffectiveness';
      today: string;
      outcome: EffectivenessOutcome;
      comment: string;
      next: NotEffectiveNext | null;
      /** The id the follow-up action will have, when `next` is `follow_up`. */
      followUpActionId: string | null;
    }
  | { type: 'CancelAction'; reason: CancelReason; note: string | null };

export interface ActionState {
  actionId: string | null;
  subject: string;
  status: ActionStatus;
  content: ActionContent | null;
  requestId: string | null;
  evidenceFiles: number;
}

const initialState: ActionState = {
  actionId: null,
  subject: '',
  status: 'planned',
  content: null,
  requestId: null,
  evidenceFiles: 0,
};

/** The rules an action's content keeps whatever the form sent (the route's schema checks shapes and lengths). */
export const checkContent = (content: ActionContent): void => {
  if (content.origins.length === 0) throw badRequest('origin_missing', 'Name at least one origin');
  if (content.origins.length > MAX_ORIGINS) {
    throw badRequest('too_many_origins', `Name at most ${MAX_ORIGINS} origins`);
  }
  for (const origin of content.origins) {
    if (origin.type === 'non_conformity' && origin.indicator === null) {
      throw badRequest(
        'non_conformity_indicator_missing',
        'A non-conformity names the indicator it concerns',
      );
    }
    if (origin.indicator !== null && (origin.indicator < 1 || origin.indicator > 32)) {
      throw badRequest('indicator_unknown', 'Indicators run from 1 to 32');
    }
  }
};

const existing = (state: ActionState) => {
  if (!state.actionId || !state.content) throw notFound('action_not_found', 'No such improvement action');
  return { actionId: state.actionId, subject: state.subject, content: state.content };
};

const refuse = (state: ActionState, step: string) =>
  conflict('action_step_not_allowed', `An action ${state.status.replace('_', ' ')} cannot be ${step}`, {
    status: state.status,
  });

const OPEN: readonly ActionStatus[] = ['planned', 'in_progress'];

/** One stream per improvement action: planned, started, done, then closed only by an effectiveness check. */
export const actionDecider: Decider<ActionState, ActionCommand, ActionEvent> = {
  initialState,

  evolve(state, event) {
    switch (event.type) {
      case 'ImprovementActionPlanned': {
        const { actionId, subject, requestId, followUpOf: _, ...content } = event.data;
        return { ...state, actionId, subject, requestId, content, status: 'planned' };
      }
      case 'ImprovementActionEdited': {
        const { actionId: _, subject: __, ...content } = event.data;
        return { ...state, content };
      }
      case 'ImprovementActionStarted':
        return { ...state, status: 'in_progress' };
      case 'ImprovementActionProgressNoted':
        return state;
      case 'ImprovementActionEvidenceAttached':
        return { ...state, evidenceFiles: state.evidenceFiles + 1 };
      case 'ImprovementActionDone':
        return { ...state, status: 'done' };
      case 'ImprovementActionEffectivenessChecked':
        return { ...state, status: event.data.next === 'reopen' ? 'in_progress' : 'closed' };
      case 'ImprovementActionCancelled':
        return { ...state, status: 'cancelled' };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'PlanAction': {
        if (state.actionId) {
          // The same request planned again (a replay, a retry) plans nothing more.
          if (command.requestId !== null && command.requestId === state.requestId) return [];
          throw conflict('action_exists', 'This improvement action exists already');
        }
        checkContent(command.content);
        if (command.content.dueOn !== null && command.content.dueOn < command.today) {
          throw badRequest('due_date_past', 'A new action is not due before today', { today: command.today });
        }
        return [
          {
            type: 'ImprovementActionPlanned',
            data: {
              actionId: command.actionId,
              subject: command.subject,
              ...command.content,
              requestId: command.requestId,
              followUpOf: command.followUpOf,
            },
          },
        ];
      }
      case 'EditAction': {
        const { actionId, subject, content } = existing(state);
        if (!OPEN.includes(state.status)) throw refuse(state, 'edited');
        checkContent(command.content);
        if (
          command.content.dueOn !== null &&
          command.content.dueOn !== content.dueOn &&
          command.content.dueOn < command.today
        ) {
          throw badRequest('due_date_past', 'A new due date is not before today', { today: command.today });
        }
        if (sameFacts(command.content, content)) return [];
        return [{ type: 'ImprovementActionEdited', data: { actionId, subject, ...command.content } }];
      }
      case 'StartAction': {
        const { actionId, content } = existing(state);
        if (state.status === 'in_progress') return [];
        if (state.status !== 'planned') throw refuse(state, 'started');
        if (content.dueOn === null) {
          throw conflict('action_not_scheduled', 'Give the action a due date before starting it');
        }
        return [{ type: 'ImprovementActionStarted', data: { actionId, startedOn: command.today } }];
      }
      case 'NoteProgress': {
        const { actionId, subject } = existing(state);
        if (state.status === 'cancelled' || state.status === 'closed') throw refuse(state, 'noted');
        return [{ type: 'ImprovementActionProgressNoted', data: { actionId, subject, note: command.note } }];
      }
      case 'AttachEvidence': {
        const { actionId } = existing(state);
        if (state.status === 'cancelled') throw refuse(state, 'given evidence');
        if (state.evidenceFiles >= MAX_EVIDENCE_FILES) {
          throw conflict('too_many_evidence_files', `An action keeps at most ${MAX_EVIDENCE_FILES} files`);
        }
        const { type: _, ...file } = command;
        return [{ type: 'ImprovementActionEvidenceAttached', data: { actionId, ...file } }];
      }
      case 'CompleteAction': {
        const { actionId, subject } = existing(state);
        if (state.status === 'done') return [];
        if (state.status !== 'in_progress') throw refuse(state, 'marked done');
        return [
          {
            type: 'ImprovementActionDone',
            data: { actionId, subject, doneOn: command.today, summary: command.summary },
          },
        ];
      }
      case 'CheckEffectiveness': {
        const { actionId, subject } = existing(state);
        if (state.status !== 'done') throw refuse(state, 'checked for effectiveness');
        const effective = command.outcome === 'effective';
        if (!effective && command.next === null) {
          throw badRequest(
            'next_step_missing',
            'Say whether to reopen the action or start a follow-up action',
          );
        }
        if (!effective && command.next === 'follow_up' && command.followUpActionId === null) {
          throw badRequest('follow_up_missing', 'A follow-up action needs its id');
        }
        return [
          {
            type: 'ImprovementActionEffectivenessChecked',
            data: {
              actionId,
              subject,
              checkedOn: command.today,
              outcome: command.outcome,
              comment: command.comment,
              next: effective ? null : command.next,
              followUpActionId: !effective && command.next === 'follow_up' ? command.followUpActionId : null,
            },
          },
        ];
      }
      case 'CancelAction': {
        const { actionId, subject } = existing(state);
        if (state.status === 'cancelled') return [];
        if (!OPEN.includes(state.status)) throw refuse(state, 'cancelled');
        return [
          {
            type: 'ImprovementActionCancelled',
            data: { actionId, subject, reason: command.reason, note: command.note },
          },
        ];
      }
    }
  },
};
