import type { EvidenceDeclarations } from '../kernel/evidence';
import type { ActionCategory } from '../referential';

export { ACTION_CATEGORIES } from '../referential';
export type { ActionCategory };

/** Why a correction was made, as the person typed it; null where the reason is optional. */
type Reason = { reason: string | null };

export type TrainingActionCreated = {
  type: 'TrainingActionCreated';
  data: { trainingActionId: string; title: string; category: ActionCategory; certifying: boolean };
};
export type TrainingActionRenamed = {
  type: 'TrainingActionRenamed';
  data: { trainingActionId: string; title: string } & Reason;
};
export type TrainingActionRecategorised = {
  type: 'TrainingActionRecategorised';
  data: { trainingActionId: string; category: ActionCategory; certifying: boolean } & Reason;
};
export type TrainingActionArchived = {
  type: 'TrainingActionArchived';
  data: { trainingActionId: string } & Reason;
};
export type TrainingActionUnarchived = {
  type: 'TrainingActionUnarchived';
  data: { trainingActionId: string } & Reason;
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
type SessionRef = { sessionId: string; trainingActionId: string };
export type SessionRenamed = { type: 'SessionRenamed'; data: SessionRef & { title: string } & Reason };
export type SessionRescheduled = {
  type: 'SessionRescheduled';
  data: SessionRef & { startsOn: string; endsOn: string } & Reason;
};
export type SessionMoved = { type: 'SessionMoved'; data: SessionRef & { site: string } & Reason };
/** A cancelled session stays cancelled: its feedback links take no more answers. */
export type SessionCancelled = { type: 'SessionCancelled'; data: SessionRef & { reason: string } };
export type SessionArchived = { type: 'SessionArchived'; data: SessionRef & Reason };
export type SessionUnarchived = { type: 'SessionUnarchived'; data: SessionRef & Reason };

export type TrainingEvent =
  | TrainingActionCreated
  | TrainingActionRenamed
  | TrainingActionRecategorised
  | TrainingActionArchived
  | TrainingActionUnarchived
  | SessionScheduled
  | SessionRenamed
  | SessionRescheduled
  | SessionMoved
  | SessionCancelled
  | SessionArchived
  | SessionUnarchived;
export const trainingEventTypes = [
  'TrainingActionCreated',
  'TrainingActionRenamed',
  'TrainingActionRecategorised',
  'TrainingActionArchived',
  'TrainingActionUnarchived',
  'SessionScheduled',
  'SessionRenamed',
  'SessionRescheduled',
  'SessionMoved',
  'SessionCancelled',
  'SessionArchived',
  'SessionUnarchived',
] as const satisfies TrainingEvent['type'][];

/** An action and its sessions are one stream: its revision is the one If-Match names for both. */
export const trainingActionStream = (trainingActionId: string) => `trainingaction-${trainingActionId}`;

/** Training actions and sessions are context, not evidence of criteria 6–7 on their own. */
export const trainingEvidence: EvidenceDeclarations<TrainingEvent> = {};
