import { describe, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { type TrainingCommand, trainingActionDecider } from './decider';
import type { TrainingEvent } from './events';

const spec = deciderSpec(trainingActionDecider);

const create: TrainingCommand = {
  type: 'CreateTrainingAction',
  trainingActionId: 'a1',
  title: 'Excel',
  category: 'training',
  certifying: false,
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
const scheduled = (sessionId: string): TrainingEvent => ({
  type: 'SessionScheduled',
  data: {
    sessionId,
    trainingActionId: 'a1',
    title: 'Mars',
    startsOn: '2026-03-02',
    endsOn: '2026-03-03',
    site: 'Lyon',
  },
});

describe('training action decider', () => {
  it('creates a training action', () => {
    spec.given([]).when(create).thenEmits([created]);
  });

  it('refuses to create the same training action twice', () => {
    spec.given([created]).when(create).thenRejects('training_action_exists', 409);
  });

  it('schedules a session on an existing action, carrying the action id', () => {
    spec
      .given([created])
      .when(schedule('s1'))
      .thenEmits([scheduled('s1')]);
  });

  it('rejects a session on an action that was never created', () => {
    spec.given([]).when(schedule('s1')).thenRejects('training_action_not_found', 404);
  });

  it('rejects a session that ends before it starts', () => {
    spec
      .given([created])
      .when(schedule('s1', '2026-03-05', '2026-03-04'))
      .thenRejects('session_ends_before_start', 400);
  });

  it('accepts a one-day session', () => {
    spec
      .given([created])
      .when(schedule('s1', '2026-03-05', '2026-03-05'))
      .thenMatches([{ type: 'SessionScheduled', data: { startsOn: '2026-03-05', endsOn: '2026-03-05' } }]);
  });

  it('rejects scheduling the same session twice', () => {
    spec
      .given([created, scheduled('s1')])
      .when(schedule('s1'))
      .thenRejects('session_exists', 409);
  });
});
