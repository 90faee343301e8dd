import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import { ERASED } from '../privacy/declarations';
import type { IncidentEvent, IncidentReport } from './incident-events';

/** `on` is the Paris date the step happened, `today` the Paris date at the command's instant. */
interface Dated {
  on: string;
  today: string;
}

export type IncidentCommand =
  | { type: 'RecordIncident'; incidentId: string; report: IncidentReport; today: string }
  | ({ type: 'TakeIncidentMeasure'; measure: string } & Dated)
  | ({ type: 'ResolveIncident'; resolution: string } & Dated)
  | ({ type: 'ReopenIncident'; reason: string } & Dated)
  | { type: 'RequestIncidentImprovement'; followUpId: string; title: string; requestedBy: string };

export interface IncidentState {
  incidentId: string | null;
  status: 'open' | 'resolved' | null;
  lastStepOn: string | null;
  measures: number;
  /** The improvement requests it started, by follow-up id (a retry with the same id records nothing). */
  improvementRequests: readonly string[];
  /** The description was erased: no new free text can be sealed for the person it spoke of. */
  erased: boolean;
}

const required = (field: string, value: string) => {
  if (value.trim() === '') throw badRequest('text_missing', `Write the ${field}`, { field });
};

const existing = (state: IncidentState) => {
  if (!state.incidentId || !state.status)
    throw notFound('incident_not_found', 'No such difficulty or disruption');
  if (state.erased) {
    throw conflict('incident_erased', 'The personal data of this record was erased; it takes no new text');
  }
  return { incidentId: state.incidentId, status: state.status };
};

const checkDate = (state: IncidentState, { on, today }: Dated) => {
  if (on > today)
    throw badRequest('date_in_future', 'A step is recorded once done: its date is not after today');
  if (state.lastStepOn && on < state.lastStepOn) {
    throw badRequest('date_before_previous_step', 'A step is not dated before the one it follows', {
      previousStepOn: state.lastStepOn,
    });
  }
};

/** One stream per difficulty or disruption: recorded, measures taken, resolved, perhaps reopened. */
export const incidentDecider: Decider<IncidentState, IncidentCommand, IncidentEvent> = {
  initialState: {
    incidentId: null,
    status: null,
    lastStepOn: null,
    measures: 0,
    improvementRequests: [],
    erased: false,
  },

  evolve(state, event) {
    switch (event.type) {
      case 'IncidentRecorded':
        return {
          ...state,
          incidentId: event.data.incidentId,
          status: 'open',
          lastStepOn: event.data.occurredOn,
          erased: event.data.description === ERASED,
        };
      case 'IncidentMeasureTaken':
        return { ...state, measures: state.measures + 1, lastStepOn: event.data.takenOn };
      case 'IncidentResolved':
        return { ...state, status: 'resolved', lastStepOn: event.data.resolvedOn };
      case 'IncidentReopened':
        return { ...state, status: 'open', lastStepOn: event.data.reopenedOn };
      case 'IncidentImprovementRequested':
        return { ...state, improvementRequests: [...state.improvementRequests, event.data.followUpId] };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RecordIncident': {
        if (state.incidentId)
          throw conflict('incident_exists', 'This difficulty or disruption is already recorded');
        const { report, today } = command;
        if (report.occurredOn > today) {
          throw badRequest(
            'date_in_future',
            'An incident is recorded once it happened: its date is not after today',
          );
        }
        required('description', report.description);
        return [{ type: 'IncidentRecorded', data: { incidentId: command.incidentId, ...report } }];
      }
      case 'TakeIncidentMeasure': {
        const { incidentId, status } = existing(state);
        if (status === 'resolved')
          throw conflict('incident_resolved', 'This record is resolved; reopen it first');
        checkDate(state, command);
        required('measure', command.measure);
        return [
          {
            type: 'IncidentMeasureTaken',
            data: { incidentId, takenOn: command.on, measure: command.measure },
          },
        ];
      }
      case 'ResolveIncident': {
        const { incidentId, status } = existing(state);
        if (status === 'resolved') throw conflict('incident_resolved', 'This record is already resolved');
        checkDate(state, command);
        required('resolution', command.resolution);
        return [
          {
            type: 'IncidentResolved',
            data: { incidentId, resolvedOn: command.on, resolution: command.resolution },
          },
        ];
      }
      case 'ReopenIncident': {
        const { incidentId, status } = existing(state);
        if (status !== 'resolved')
          throw conflict('incident_not_resolved', 'Only a resolved record is reopened');
        checkDate(state, command);
        required('reason', command.reason);
        return [
          { type: 'IncidentReopened', data: { incidentId, reopenedOn: command.on, reason: command.reason } },
        ];
      }
      case 'RequestIncidentImprovement': {
        if (state.improvementRequests.includes(command.followUpId)) return [];
        const { incidentId } = existing(state);
        required('title', command.title);
        return [
          {
            type: 'IncidentImprovementRequested',
            data: {
              incidentId,
              followUpId: command.followUpId,
              title: command.title,
              requestedBy: command.requestedBy,
            },
          },
        ];
      }
    }
  },
};
