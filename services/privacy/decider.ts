import type { Decider } from '../kernel/command';
import { conflict } from '../kernel/errors';
import type { ErasureReason, PrivacyEvent } from './events';

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
