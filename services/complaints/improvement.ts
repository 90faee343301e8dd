import type { Decider } from '../kernel/command';
import type { EvidenceDeclarations } from '../kernel/evidence';
import type { PersonalDataDeclarations } from '../privacy/declarations';
import { complainantSubject } from './events';

/**
 * From a complaint, the request to start an improvement action (indicator 32). The actions slice will pick it up
 * by `requestId`; until then it is the record of the request and of the link.
 */
export type ComplaintImprovementRequested = {
  type: 'ComplaintImprovementRequested';
  data: { complaintId: string; requestId: string; title: string; requestedBy: string };
};

export type ComplaintImprovementEvent = ComplaintImprovementRequested;
export const complaintImprovementEventTypes = [
  'ComplaintImprovementRequested',
] as const satisfies ComplaintImprovementEvent['type'][];

/** The improvement requests of one complaint: beside its handling, never changing it (a closed one too). */
export const complaintImprovementStream = (complaintId: string) => `complaintimprovement-${complaintId}`;

/** The title may quote the complaint: sealed with the complainant, erased with them. */
export const complaintImprovementPersonalData: PersonalDataDeclarations<ComplaintImprovementEvent> = {
  ComplaintImprovementRequested: [{ field: 'title', subject: complainantSubject }],
};

export const complaintImprovementEvidence: EvidenceDeclarations<ComplaintImprovementEvent> = {
  ComplaintImprovementRequested: {
    indicators: [32],
    kind: 'improvement_source',
    title: () => 'Action d’amélioration demandée depuis une réclamation',
    source: (data) => ({ type: 'complaint', id: data.complaintId }),
  },
};

export type ComplaintImprovementCommand = {
  type: 'RequestImprovement';
  complaintId: string;
  requestId: string;
  title: string;
  requestedBy: string;
};

/** Each request once: the same request id asks nothing more. */
export const complaintImprovementDecider: Decider<
  { requestIds: readonly string[] },
  ComplaintImprovementCommand,
  ComplaintImprovementEvent
> = {
  initialState: { requestIds: [] },
  evolve: (state, event) => ({ requestIds: [...state.requestIds, event.data.requestId] }),
  decide(command, state) {
    if (state.requestIds.includes(command.requestId)) return [];
    const { type: _, ...data } = command;
    return [{ type: 'ComplaintImprovementRequested', data }];
  },
};
