import type { EvidenceDeclarations } from '../kernel/evidence';
import type { ActionCategory } from '../referential';

export { ACTION_CATEGORIES } from '../referential';
export type { ActionCategory };

export type TrainingActionCreated = {
  type: 'TrainingActionCreated';
  data: { trainingActionId: string; title: string; category: ActionCategory; certifying: boolean };
};
export type SessionScheduled = {
  type: 'SessionScheduled';
  data: {
    sessionId: string;
    trainingActionId: string;
    title: string;
    /** Calendar dates (YYYY-MM-DD), in Europe/Paris. */
    startsOn: string;
    endsOn: string;
    site: string;
  };
};

export type TrainingEvent = TrainingActionCreated | SessionScheduled;
export const trainingEventTypes = [
  'TrainingActionCreated',
  'SessionScheduled',
] as const satisfies TrainingEvent['type'][];

export const trainingActionStream = (trainingActionId: string) => `trainingaction-${trainingActionId}`;

/** Training actions and sessions are context, not evidence of criteria 6–7 on their own. */
export const trainingEvidence: EvidenceDeclarations<TrainingEvent> = {};
