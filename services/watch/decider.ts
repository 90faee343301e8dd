import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import { sameFacts } from '../kernel/facts';
import { ERASED } from '../privacy/declarations';
import type {
  CommunicationAudience,
  CommunicationChannel,
  WatchImpact,
  WatchNoteContent,
  WatchNoteEvent,
  WatchTheme,
} from './events';

export type WatchNoteCommand =
  /** `today` is the Paris date at the command's instant. */
  | { type: 'RecordNote'; noteId: string; content: WatchNoteContent; by: string; today: string }
  | { type: 'EditNote'; content: WatchNoteContent; by: string; today: string }
  | {
      type: 'AnalyseNote';
      impact: WatchImpact;
      analysis: string;
      decision: string;
      changes: string | null;
      by: string;
      today: string;
    }
  | {
      type: 'CommunicateNote';
      communicationId: string;
      audience: CommunicationAudience;
      channel: CommunicationChannel;
      communicatedOn: string;
      message: string | null;
      by: string;
      today: string;
    }
  | { type: 'ArchiveNote'; by: string };

export interface WatchNoteState {
  noteId: string | null;
  content: WatchNoteContent | null;
  analysedOn: string | null;
  communicationIds: readonly string[];
  archived: boolean;
}

export const MAX_AUDIENCE = 50;

const checkContent = (content: WatchNoteContent, today: string) => {
  if (content.informationOn > today) {
    throw badRequest('information_date_in_future', 'The information is dated on or before today', {
      informationOn: content.informationOn,
      today,
    });
  }
};

const existing = (state: WatchNoteState) => {
  if (!state.noteId || !state.content) throw notFound('watch_note_not_found', 'No such watch note');
  return { noteId: state.noteId, content: state.content, theme: state.content.theme as WatchTheme };
};

const open = (state: WatchNoteState) => {
  const note = existing(state);
  if (state.archived) throw conflict('watch_note_archived', 'This note is archived; it changes no more');
  return note;
};

/**
 * One stream per watch note: source → analysis (impact, decision, changes) → internal communications → archive.
 * A note is analysed before it is passed on or archived; it may be analysed again (the latest analysis stands).
 */
export const watchNoteDecider: Decider<WatchNoteState, WatchNoteCommand, WatchNoteEvent> = {
  initialState: { noteId: null, content: null, analysedOn: null, communicationIds: [], archived: false },

  evolve(state, event) {
    switch (event.type) {
      case 'WatchNoteRecorded':
      case 'WatchNoteEdited': {
        const { theme, title, sourceName, sourceUrl, informationOn, summary } = event.data;
        return {
          ...state,
          noteId: event.data.noteId,
          content: { theme, title, sourceName, sourceUrl, informationOn, summary },
        };
      }
      case 'WatchNoteAnalysed':
        return { ...state, analysedOn: state.analysedOn ?? event.data.analysedOn };
      case 'WatchNoteCommunicated':
        return { ...state, communicationIds: [...state.communicationIds, event.data.communicationId] };
      case 'WatchNoteArchived':
        return { ...state, archived: true };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RecordNote': {
        if (state.noteId) throw conflict('watch_note_exists', 'This note is already recorded');
        checkContent(command.content, command.today);
        return [
          {
            type: 'WatchNoteRecorded',
            data: { noteId: command.noteId, ...command.content, recordedBy: command.by },
          },
        ];
      }
      case 'EditNote': {
        const { noteId, content } = open(state);
        if (content.summary === ERASED) {
          throw conflict('watch_note_erased', 'This note’s text was erased; record a new note');
        }
        checkContent(command.content, command.today);
        if (sameFacts(command.content, content)) return [];
        return [{ type: 'WatchNoteEdited', data: { noteId, ...command.content, editedBy: command.by } }];
      }
      case 'AnalyseNote': {
        const { noteId, theme } = open(state);
        return [
          {
            type: 'WatchNoteAnalysed',
            data: {
              noteId,
              theme,
              impact: command.impact,
              analysis: command.analysis,
              decision: command.decision,
              changes: command.changes,
              analysedOn: command.today,
              analysedBy: command.by,
            },
          },
        ];
      }
      case 'CommunicateNote': {
        const { noteId, theme, content } = open(state);
        if (state.communicationIds.includes(command.communicationId)) return [];
        if (!state.analysedOn) {
          throw conflict('watch_note_not_analysed', 'Analyse the note before passing it on');
        }
        const { memberIds, groups } = command.audience;
        if (memberIds.length + groups.length === 0) {
          throw badRequest('audience_missing', 'Say who was told: members or groups');
        }
        if (memberIds.length + groups.length > MAX_AUDIENCE) {
          throw badRequest('audience_too_large', `Name at most ${MAX_AUDIENCE} members and groups`);
        }
        if (command.communicatedOn > command.today || command.communicatedOn < content.informationOn) {
          throw badRequest(
            'communication_date_invalid',
            'A communication is dated between the information and today',
            {
              communicatedOn: command.communicatedOn,
              informationOn: content.informationOn,
              today: command.today,
            },
          );
        }
        return [
          {
            type: 'WatchNoteCommunicated',
            data: {
              noteId,
              communicationId: command.communicationId,
              theme,
              audience: { memberIds: [...new Set(memberIds)], groups: [...new Set(groups)] },
              channel: command.channel,
              communicatedOn: command.communicatedOn,
              message: command.message,
              communicatedBy: command.by,
            },
          },
        ];
      }
      case 'ArchiveNote': {
        const { noteId, theme } = existing(state);
        if (state.archived) return [];
        if (!state.analysedOn) {
          throw conflict('watch_note_not_analysed', 'A note is analysed before it is archived');
        }
        return [{ type: 'WatchNoteArchived', data: { noteId, theme, archivedBy: command.by } }];
      }
    }
  },
};
