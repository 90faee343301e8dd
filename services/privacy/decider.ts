import type { Decider } from '../kernel/command';
import { badRequest, conflict } from '../kernel/errors';
import type { ErasureReason, ExportFormat, PersonalDataExported, PrivacyEvent } from './events';

export type PrivacyCommand = {
  type: 'RecordErasure';
  subjectId: string;
  reason: ErasureReason;
  erasedBy: string;
};

export interface SubjectState {
  erased: boolean;
}

/** One stream per data subject: its erasure is recorded once. */
export const subjectDecider: Decider<SubjectState, PrivacyCommand, PrivacyEvent> = {
  initialState: { erased: false },

  evolve(state, event) {
    switch (event.type) {
      case 'PersonalDataErased':
        return { ...state, erased: true };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RecordErasure': {
        if (state.erased) throw conflict('subject_already_erased', 'This subject’s data is already erased');
        const { subjectId, reason, erasedBy } = command;
        return [{ type: 'PersonalDataErased', data: { subjectId, reason, erasedBy } }];
      }
    }
  },
};

export type ExportCommand = {
  type: 'RecordExport';
  exportId: string;
  subjectIds: string[];
  format: ExportFormat;
  exportedBy: string;
};

/** One stream per export: recorded once, before the file is handed over (no record, no file). */
export const exportDecider: Decider<{ recorded: boolean }, ExportCommand, PersonalDataExported> = {
  initialState: { recorded: false },

  evolve(state, event) {
    switch (event.type) {
      case 'PersonalDataExported':
        return { ...state, recorded: true };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RecordExport': {
        if (state.recorded) throw conflict('export_already_recorded', 'This export is already recorded');
        if (command.subjectIds.length === 0) {
          throw badRequest('no_subjects', 'Name at least one data subject to export');
        }
        const { exportId, format, exportedBy } = command;
        const subjectIds = [...new Set(command.subjectIds)].sort();
        return [{ type: 'PersonalDataExported', data: { exportId, subjectIds, format, exportedBy } }];
      }
    }
  },
};
