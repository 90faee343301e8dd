import type { PostgresEventStore } from '../../services/eventstore/postgres';
import type { NewEvent } from '../../services/eventstore/types';
import { newId } from '../../services/kernel/ids';
import { type TrainingCommand, trainingActionDecider } from '../../services/training/decider';
import { type TrainingEvent, trainingActionStream } from '../../services/training/events';

/**
 * Appends `actions` training actions, each with three sessions and every kind of correction (15 events per action:
 * a session cancelled, one archived, one archived and back, the action archived and back), decided by the slice's
 * own decider so the events are the ones the routes would write.
 */
export const appendTrainingCorrections = async (
  store: PostgresEventStore,
  options: { actions: number; organisationId?: string },
) => {
  const organisationId = options.organisationId ?? newId();
  const actor = { type: 'user' as const, id: newId() };
  let at = Date.UTC(2026, 0, 5, 9);
  for (let index = 0; index < options.actions; index++) {
    const trainingActionId = newId();
    const sessions = [newId(), newId(), newId()];
    const commands: TrainingCommand[] = [
      {
        type: 'CreateTrainingAction',
        trainingActionId,
        title: `Action ${index}`,
        category: 'training',
        certifying: false,
      },
      ...sessions.map(
        (sessionId, n): TrainingCommand => ({
          type: 'ScheduleSession',
          sessionId,
          title: `Session ${n}`,
          startsOn: '2026-03-02',
          endsOn: '2026-03-03',
          site: 'Lyon',
        }),
      ),
      { type: 'RenameTrainingAction', title: `Action ${index} (v2)`, reason: null },
      {
        type: 'RecategoriseTrainingAction',
        category: 'vae',
        certifying: index % 2 === 0,
        reason: 'Catalogue',
      },
      { type: 'RenameSession', sessionId: sessions[0]!, title: 'Renommée', reason: null },
      {
        type: 'RescheduleSession',
        sessionId: sessions[0]!,
        startsOn: '2026-04-01',
        endsOn: '2026-04-03',
        reason: 'Grève',
      },
      { type: 'MoveSession', sessionId: sessions[1]!, site: 'À distance', reason: 'Salle' },
      { type: 'CancelSession', sessionId: sessions[1]!, reason: 'Annulée' },
      { type: 'ArchiveSession', sessionId: sessions[2]!, reason: null },
      { type: 'ArchiveSession', sessionId: sessions[0]!, reason: null },
      { type: 'UnarchiveSession', sessionId: sessions[0]!, reason: 'Par erreur' },
      { type: 'ArchiveTrainingAction', reason: null },
      { type: 'UnarchiveTrainingAction', reason: index % 3 === 0 ? 'Reprise' : null },
    ];
    let state = trainingActionDecider.initialState;
    const events: NewEvent[] = [];
    for (const command of commands) {
      for (const event of trainingActionDecider.decide(command, state) as TrainingEvent[]) {
        state = trainingActionDecider.evolve(state, event);
        at += 60_000;
        events.push({
          id: newId(),
          type: event.type,
          data: event.data,
          metadata: { organisationId, actor, occurredAt: new Date(at).toISOString(), schemaVersion: 1 },
        });
      }
    }
    await store.append(trainingActionStream(trainingActionId), events, { expectedRevision: 'no_stream' });
  }
  return { organisationId };
};
