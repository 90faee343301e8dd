import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors';
import { type TrainingCommand, trainingActionDecider } from './decider';
import type { TrainingEvent } from './events';

const given = (events: TrainingEvent[]) =>
  events.reduce(trainingActionDecider.evolve, trainingActionDecider.initialState);
const when = (events: TrainingEvent[], command: TrainingCommand) =>
  trainingActionDecider.decide(command, given(events));
const rejection = (events: TrainingEvent[], command: TrainingCommand) => {
  try {
    when(events, command);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a rejection');
};

const created: TrainingEvent = {
  type: 'TrainingActionCreated',
  data: { trainingActionId: 'a1', title: 'Excel', category: 'training', certifying: false },
};
const schedule = (sessionId: string, startsOn = '2026-03-02', endsOn = '2026-03-03'): TrainingCommand => ({
  type: 'ScheduleSession',
  sessionId,
  title: 'Mars',
  startsOn,
  endsOn,
  site: 'Lyon',
});

describe('training action decider', () => {
  it('creates a training action once', () => {
    const command: TrainingCommand = {
      type: 'CreateTrainingAction',
      trainingActionId: 'a1',
      title: 'Excel',
      category: 'training',
      certifying: false,
    };
    expect(when([], command)).toEqual([created]);
    expect(rejection([created], command).code).toBe('training_action_exists');
  });

  it('schedules a session on an existing action, carrying the action id', () => {
    expect(when([created], schedule('s1'))).toEqual([
      {
        type: 'SessionScheduled',
        data: {
          sessionId: 's1',
          trainingActionId: 'a1',
          title: 'Mars',
          startsOn: '2026-03-02',
          endsOn: '2026-03-03',
          site: 'Lyon',
        },
      },
    ]);
  });

  it('rejects a session on an action that was never created', () => {
    const error = rejection([], schedule('s1'));
    expect(error).toBeInstanceOf(AppError);
    expect([error.status, error.code]).toEqual([404, 'training_action_not_found']);
  });

  it('rejects a session that ends before it starts, but accepts a one-day session', () => {
    expect(rejection([created], schedule('s1', '2026-03-05', '2026-03-04')).code).toBe(
      'session_ends_before_start',
    );
    expect(when([created], schedule('s1', '2026-03-05', '2026-03-05'))).toHaveLength(1);
  });

  it('rejects scheduling the same session twice', () => {
    const [scheduled] = when([created], schedule('s1'));
    expect(rejection([created, scheduled!], schedule('s1')).code).toBe('session_exists');
  });
});
