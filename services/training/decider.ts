import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import type { ActionCategory, TrainingEvent } from './events';

export type TrainingCommand =
  | {
      type: 'CreateTrainingAction';
      trainingActionId: string;
      title: string;
      category: ActionCategory;
      certifying: boolean;
    }
  | {
      type: 'ScheduleSession';
      sessionId: string;
      title: string;
      startsOn: string;
      endsOn: string;
      site: string;
    };

export interface TrainingActionState {
  exists: boolean;
  trainingActionId?: string;
  sessionIds: ReadonlySet<string>;
}

const MAX_SESSIONS = 2000;

export const trainingActionDecider: Decider<TrainingActionState, TrainingCommand, TrainingEvent> = {
  initialState: { exists: false, sessionIds: new Set() },

  evolve(state, event) {
    switch (event.type) {
      case 'TrainingActionCreated':
        return { ...state, exists: true, trainingActionId: event.data.trainingActionId };
      case 'SessionScheduled':
        return { ...state, sessionIds: new Set([...state.sessionIds, event.data.sessionId]) };
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
        if (!state.exists || !state.trainingActionId) {
          throw notFound('training_action_not_found', 'No such training action');
        }
        if (command.endsOn < command.startsOn) {
          throw badRequest('session_ends_before_start', 'The session cannot end before it starts');
        }
        if (state.sessionIds.has(command.sessionId))
          throw conflict('session_exists', 'This session already exists');
        if (state.sessionIds.size >= MAX_SESSIONS) {
          throw conflict('too_many_sessions', `A training action holds at most ${MAX_SESSIONS} sessions`);
        }
        const { sessionId, title, startsOn, endsOn, site } = command;
        return [
          {
            type: 'SessionScheduled',
            data: { sessionId, trainingActionId: state.trainingActionId, title, startsOn, endsOn, site },
          },
        ];
      }
    }
  },
};
