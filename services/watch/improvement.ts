import type { Decider } from '../kernel/command';
import { type PersonalDataDeclarations, subjectId } from '../privacy/declarations';

/**
 * From a watch note, the request to start an improvement action (the change the watch calls for). The actions
 * slice picks it up by `requestId`; until then it is the record of the request and of the link.
 */
export type WatchNoteImprovementRequested = {
  type: 'WatchNoteImprovementRequested';
  data: { noteId: string; requestId: string; title: string; requestedBy: string };
};

export type WatchImprovementEvent = WatchNoteImprovementRequested;
export const watchImprovementEventTypes = [
  'WatchNoteImprovementRequested',
] as const satisfies WatchImprovementEvent['type'][];

/** The improvement requests of one note: beside it, never changing it (an archived one too). */
export const watchImprovementStream = (noteId: string) => `watchnoteimprovement-${noteId}`;

/** The title is free text typed by the requester: sealed with them. */
export const watchImprovementPersonalData: PersonalDataDeclarations<WatchImprovementEvent> = {
  WatchNoteImprovementRequested: [{ field: 'title', subject: (data) => subjectId('user', data.requestedBy) }],
};

export type WatchImprovementCommand = {
  type: 'RequestImprovement';
  noteId: string;
  requestId: string;
  title: string;
  requestedBy: string;
};

/** Each request once: the same request id asks nothing more. */
export const watchImprovementDecider: Decider<
  { requestIds: readonly string[] },
  WatchImprovementCommand,
  WatchImprovementEvent
> = {
  initialState: { requestIds: [] },
  evolve: (state, event) => ({ requestIds: [...state.requestIds, event.data.requestId] }),
  decide(command, state) {
    if (state.requestIds.includes(command.requestId)) return [];
    const { type: _, ...data } = command;
    return [{ type: 'WatchNoteImprovementRequested', data }];
  },
};
