import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import type { ActionCategory, TrainingEvent } from './events';

type Reason = { reason: string | null };

export type TrainingCommand =
  | {
      type: 'CreateTrainingAction';
      trainingActionId: string;
      title: string;
      category: ActionCategory;
      certifying: boolean;
    }
  | ({ type: 'RenameTrainingAction'; title: string } & Reason)
  | ({ type: 'RecategoriseTrainingAction'; category: ActionCategory; certifying: boolean } & Reason)
  | ({ type: 'ArchiveTrainingAction' } & Reason)
  | ({ type: 'UnarchiveTrainingAction' } & Reason)
  | {
      type: 'ScheduleSession';
      sessionId: string;
      title: string;
      startsOn: string;
      endsOn: string;
      site: string;
    }
  | ({ type: 'RenameSession'; sessionId: string; title: string } & Reason)
  | ({ type: 'RescheduleSession'; sessionId: string; startsOn: string; endsOn: string } & Reason)
  | ({ type: 'MoveSession'; sessionId: string; site: string } & Reason)
  | { type: 'CancelSession'; sessionId: string; reason: string }
  | ({ type: 'ArchiveSession'; sessionId: string } & Reason)
  | ({ type: 'UnarchiveSession'; sessionId: string } & Reason);

export interface SessionState {
  title: string;
  startsOn: string;
  endsOn: string;
  site: string;
  cancelled: boolean;
  archived: boolean;
}

export interface TrainingActionState {
  exists: boolean;
  trainingActionId?: string;
  title: string;
  category: ActionCategory;
  certifying: boolean;
  archived: boolean;
  sessions: ReadonlyMap<string, SessionState>;
}

const MAX_SESSIONS = 2000;

type ActionCommand = Extract<
  TrainingCommand,
  {
    type:
      | 'RenameTrainingAction'
      | 'RecategoriseTrainingAction'
      | 'ArchiveTrainingAction'
      | 'UnarchiveTrainingAction';
  }
>;
type SessionCommand = Extract<
  TrainingCommand,
  {
    type:
      | 'RenameSession'
      | 'RescheduleSession'
      | 'MoveSession'
      | 'CancelSession'
      | 'ArchiveSession'
      | 'UnarchiveSession';
  }
>;

const withSession = (
  state: TrainingActionState,
  sessionId: string,
  change: (session: SessionState) => SessionState,
): TrainingActionState => {
  const session = state.sessions.get(sessionId);
  if (!session) return state;
  return { ...state, sessions: new Map(state.sessions).set(sessionId, change(session)) };
};

const existingAction = (state: TrainingActionState): string => {
  if (!state.exists || !state.trainingActionId) {
    throw notFound('training_action_not_found', 'No such training action');
  }
  return state.trainingActionId;
};

const refuseIfArchived = (state: TrainingActionState) => {
  if (state.archived) {
    throw conflict('training_action_archived', 'This training action is archived; unarchive it first');
  }
};

const checkDates = (startsOn: string, endsOn: string) => {
  if (endsOn < startsOn) {
    throw badRequest('session_ends_before_start', 'The session cannot end before it starts');
  }
};

/** Corrections of the action itself. A change that changes nothing appends nothing. */
const decideAction = (command: ActionCommand, state: TrainingActionState): TrainingEvent[] => {
  const trainingActionId = existingAction(state);
  const { reason } = command;
  if (command.type === 'UnarchiveTrainingAction') {
    return state.archived ? [{ type: 'TrainingActionUnarchived', data: { trainingActionId, reason } }] : [];
  }
  if (command.type === 'ArchiveTrainingAction') {
    return state.archived ? [] : [{ type: 'TrainingActionArchived', data: { trainingActionId, reason } }];
  }
  refuseIfArchived(state);
  if (command.type === 'RenameTrainingAction') {
    if (command.title === state.title) return [];
    return [{ type: 'TrainingActionRenamed', data: { trainingActionId, title: command.title, reason } }];
  }
  const { category, certifying } = command;
  if (category === state.category && certifying === state.certifying) return [];
  return [{ type: 'TrainingActionRecategorised', data: { trainingActionId, category, certifying, reason } }];
};

/** Corrections of one session. A cancelled session only gets archived; an archived one only gets unarchived. */
const decideSession = (command: SessionCommand, state: TrainingActionState): TrainingEvent[] => {
  const trainingActionId = existingAction(state);
  const session = state.sessions.get(command.sessionId);
  if (!session) throw notFound('session_not_found', 'No such session');
  refuseIfArchived(state);
  const ref = { sessionId: command.sessionId, trainingActionId };
  const { reason } = command;
  if (command.type === 'ArchiveSession') {
    return session.archived ? [] : [{ type: 'SessionArchived', data: { ...ref, reason } }];
  }
  if (command.type === 'UnarchiveSession') {
    return session.archived ? [{ type: 'SessionUnarchived', data: { ...ref, reason } }] : [];
  }
  if (session.archived) throw conflict('session_archived', 'This session is archived');
  if (command.type === 'CancelSession') {
    return session.cancelled ? [] : [{ type: 'SessionCancelled', data: { ...ref, reason: command.reason } }];
  }
  if (session.cancelled) throw conflict('session_cancelled', 'This session is cancelled');
  switch (command.type) {
    case 'RenameSession':
      return command.title === session.title
        ? []
        : [{ type: 'SessionRenamed', data: { ...ref, title: command.title, reason } }];
    case 'RescheduleSession': {
      const { startsOn, endsOn } = command;
      checkDates(startsOn, endsOn);
      return startsOn === session.startsOn && endsOn === session.endsOn
        ? []
        : [{ type: 'SessionRescheduled', data: { ...ref, startsOn, endsOn, reason } }];
    }
    case 'MoveSession':
      return command.site === session.site
        ? []
        : [{ type: 'SessionMoved', data: { ...ref, site: command.site, reason } }];
  }
};

export const trainingActionDecider: Decider<TrainingActionState, TrainingCommand, TrainingEvent> = {
  initialState: {
    exists: false,
    title: '',
    category: 'training',
    certifying: false,
    archived: false,
    sessions: new Map(),
  },

  evolve(state, event) {
    switch (event.type) {
      case 'TrainingActionCreated': {
        const { trainingActionId, title, category, certifying } = event.data;
        return { ...state, exists: true, trainingActionId, title, category, certifying };
      }
      case 'TrainingActionRenamed':
        return { ...state, title: event.data.title };
      case 'TrainingActionRecategorised':
        return { ...state, category: event.data.category, certifying: event.data.certifying };
      case 'TrainingActionArchived':
        return { ...state, archived: true };
      case 'TrainingActionUnarchived':
        return { ...state, archived: false };
      case 'SessionScheduled': {
        const { sessionId, title, startsOn, endsOn, site } = event.data;
        const session = { title, startsOn, endsOn, site, cancelled: false, archived: false };
        return { ...state, sessions: new Map(state.sessions).set(sessionId, session) };
      }
      case 'SessionRenamed':
        return withSession(state, event.data.sessionId, (session) => ({
          ...session,
          title: event.data.title,
        }));
      case 'SessionRescheduled': {
        const { startsOn, endsOn } = event.data;
        return withSession(state, event.data.sessionId, (session) => ({ ...session, startsOn, endsOn }));
      }
      case 'SessionMoved':
        return withSession(state, event.data.sessionId, (session) => ({ ...session, site: event.data.site }));
      case 'SessionCancelled':
        return withSession(state, event.data.sessionId, (session) => ({ ...session, cancelled: true }));
      case 'SessionArchived':
        return withSession(state, event.data.sessionId, (session) => ({ ...session, archived: true }));
      case 'SessionUnarchived':
        return withSession(state, event.data.sessionId, (session) => ({ ...session, archived: false }));
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'CreateTrainingAction': {
        if (state.exists) throw conflict('training_action_exists', 'This training action already exists');
        const { trainingActionId, title, category, certifying } = command;
        return [{ type: 'TrainingActionCreated', data: { trainingActionId, title, category, certifying } }];
      }
      case 'ScheduleSession': {
        const trainingActionId = existingAction(state);
        refuseIfArchived(state);
        checkDates(command.startsOn, command.endsOn);
        if (state.sessions.has(command.sessionId))
          throw conflict('session_exists', 'This session already exists');
        if (state.sessions.size >= MAX_SESSIONS) {
          throw conflict('too_many_sessions', `A training action holds at most ${MAX_SESSIONS} sessions`);
        }
        const { sessionId, title, startsOn, endsOn, site } = command;
        return [
          { type: 'SessionScheduled', data: { sessionId, trainingActionId, title, startsOn, endsOn, site } },
        ];
      }
      case 'RenameTrainingAction':
      case 'RecategoriseTrainingAction':
      case 'ArchiveTrainingAction':
      case 'UnarchiveTrainingAction':
        return decideAction(command, state);
      default:
        return decideSession(command, state);
    }
  },
};
