import { describe, expect, it } from 'vitest';
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

describe('corrections of a training action', () => {
  const archived: TrainingEvent = {
    type: 'TrainingActionArchived',
    data: { trainingActionId: 'a1', reason: null },
  };

  it('renames an action, carrying the reason', () => {
    spec
      .given([created])
      .when({ type: 'RenameTrainingAction', title: 'Excel 365', reason: 'Nouvelle version' })
      .thenEmits([
        {
          type: 'TrainingActionRenamed',
          data: { trainingActionId: 'a1', title: 'Excel 365', reason: 'Nouvelle version' },
        },
      ]);
  });

  it('ignores a rename to the same title (a no-op appends nothing)', () => {
    spec.given([created]).when({ type: 'RenameTrainingAction', title: 'Excel', reason: null }).thenNothing();
  });

  it('changes the category and the certifying flag', () => {
    spec
      .given([created])
      .when({ type: 'RecategoriseTrainingAction', category: 'vae', certifying: true, reason: 'RNCP' })
      .thenEmits([
        {
          type: 'TrainingActionRecategorised',
          data: { trainingActionId: 'a1', category: 'vae', certifying: true, reason: 'RNCP' },
        },
      ]);
  });

  it('ignores a category change that changes neither the category nor the flag', () => {
    spec
      .given([created])
      .when({ type: 'RecategoriseTrainingAction', category: 'training', certifying: false, reason: 'x' })
      .thenNothing();
  });

  it('archives an action once, then unarchives it', () => {
    spec.given([created]).when({ type: 'ArchiveTrainingAction', reason: null }).thenEmits([archived]);
    spec.given([created, archived]).when({ type: 'ArchiveTrainingAction', reason: null }).thenNothing();
    spec
      .given([created, archived])
      .when({ type: 'UnarchiveTrainingAction', reason: 'Reprise' })
      .thenEmits([{ type: 'TrainingActionUnarchived', data: { trainingActionId: 'a1', reason: 'Reprise' } }]);
    spec.given([created]).when({ type: 'UnarchiveTrainingAction', reason: null }).thenNothing();
  });

  it('refuses changes and new sessions on an archived action until it is unarchived', () => {
    const given = spec.given([created, archived]);
    given
      .when({ type: 'RenameTrainingAction', title: 'Autre', reason: null })
      .thenRejects('training_action_archived', 409);
    given.when(schedule('s1')).thenRejects('training_action_archived', 409);
    spec
      .given([created, scheduled('s1'), archived])
      .when({ type: 'MoveSession', sessionId: 's1', site: 'Lille', reason: 'x' })
      .thenRejects('training_action_archived', 409);
  });

  it('refuses to correct an action that was never created', () => {
    spec
      .given([])
      .when({ type: 'RenameTrainingAction', title: 'x', reason: null })
      .thenRejects('training_action_not_found', 404);
  });
});

describe('corrections of a session', () => {
  const ref = { sessionId: 's1', trainingActionId: 'a1' };
  const cancelled: TrainingEvent = {
    type: 'SessionCancelled',
    data: { ...ref, reason: 'Formatrice absente' },
  };
  const archivedSession: TrainingEvent = { type: 'SessionArchived', data: { ...ref, reason: null } };
  const history = [created, scheduled('s1')];

  it('renames a session', () => {
    spec
      .given(history)
      .when({ type: 'RenameSession', sessionId: 's1', title: 'Avril', reason: null })
      .thenEmits([{ type: 'SessionRenamed', data: { ...ref, title: 'Avril', reason: null } }]);
  });

  it('reschedules a session with its reason', () => {
    spec
      .given(history)
      .when({
        type: 'RescheduleSession',
        sessionId: 's1',
        startsOn: '2026-04-01',
        endsOn: '2026-04-02',
        reason: 'Grève',
      })
      .thenEmits([
        {
          type: 'SessionRescheduled',
          data: { ...ref, startsOn: '2026-04-01', endsOn: '2026-04-02', reason: 'Grève' },
        },
      ]);
  });

  it('refuses new dates that end before they start', () => {
    spec
      .given(history)
      .when({
        type: 'RescheduleSession',
        sessionId: 's1',
        startsOn: '2026-04-02',
        endsOn: '2026-04-01',
        reason: 'x',
      })
      .thenRejects('session_ends_before_start', 400);
  });

  it('ignores a reschedule to the same dates and a move to the same site', () => {
    const given = spec.given(history);
    given
      .when({
        type: 'RescheduleSession',
        sessionId: 's1',
        startsOn: '2026-03-02',
        endsOn: '2026-03-03',
        reason: 'x',
      })
      .thenNothing();
    given.when({ type: 'MoveSession', sessionId: 's1', site: 'Lyon', reason: 'x' }).thenNothing();
    given.when({ type: 'RenameSession', sessionId: 's1', title: 'Mars', reason: null }).thenNothing();
  });

  it('moves a session to another site', () => {
    spec
      .given(history)
      .when({ type: 'MoveSession', sessionId: 's1', site: 'À distance', reason: 'Salle inondée' })
      .thenEmits([{ type: 'SessionMoved', data: { ...ref, site: 'À distance', reason: 'Salle inondée' } }]);
  });

  it('cancels a session once; a second cancel appends nothing', () => {
    spec
      .given(history)
      .when({ type: 'CancelSession', sessionId: 's1', reason: 'Formatrice absente' })
      .thenEmits([cancelled]);
    spec
      .given([...history, cancelled])
      .when({ type: 'CancelSession', sessionId: 's1', reason: 'encore' })
      .thenNothing();
  });

  it('refuses to rename, reschedule or move a cancelled session, but archives it', () => {
    const given = spec.given([...history, cancelled]);
    given
      .when({ type: 'RenameSession', sessionId: 's1', title: 'Avril', reason: null })
      .thenRejects('session_cancelled', 409);
    given
      .when({
        type: 'RescheduleSession',
        sessionId: 's1',
        startsOn: '2026-04-01',
        endsOn: '2026-04-01',
        reason: 'x',
      })
      .thenRejects('session_cancelled', 409);
    given
      .when({ type: 'MoveSession', sessionId: 's1', site: 'Lille', reason: 'x' })
      .thenRejects('session_cancelled', 409);
    given.when({ type: 'ArchiveSession', sessionId: 's1', reason: null }).thenEmits([archivedSession]);
  });

  it('archives a session once and refuses to change it afterwards', () => {
    spec
      .given(history)
      .when({ type: 'ArchiveSession', sessionId: 's1', reason: null })
      .thenEmits([archivedSession]);
    const given = spec.given([...history, archivedSession]);
    given.when({ type: 'ArchiveSession', sessionId: 's1', reason: null }).thenNothing();
    given
      .when({ type: 'MoveSession', sessionId: 's1', site: 'Lille', reason: 'x' })
      .thenRejects('session_archived', 409);
    given.when({ type: 'CancelSession', sessionId: 's1', reason: 'x' }).thenRejects('session_archived', 409);
  });

  it('unarchives an archived session; unarchiving an active one appends nothing', () => {
    spec
      .given([...history, archivedSession])
      .when({ type: 'UnarchiveSession', sessionId: 's1', reason: 'Archivée par erreur' })
      .thenEmits([{ type: 'SessionUnarchived', data: { ...ref, reason: 'Archivée par erreur' } }]);
    spec.given(history).when({ type: 'UnarchiveSession', sessionId: 's1', reason: null }).thenNothing();
  });

  it('refuses to correct a session the action does not hold', () => {
    spec
      .given(history)
      .when({ type: 'RenameSession', sessionId: 's2', title: 'x', reason: null })
      .thenRejects('session_not_found', 404);
  });

  it('keeps the other sessions untouched when one is corrected', () => {
    const { state } = spec.given([
      ...history,
      scheduled('s2'),
      { type: 'SessionMoved', data: { ...ref, site: 'Lille', reason: 'x' } },
    ]);
    expect(state.sessions.get('s1')?.site).toBe('Lille');
    expect(state.sessions.get('s2')?.site).toBe('Lyon');
  });
});
