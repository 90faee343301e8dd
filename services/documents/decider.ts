import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import { sameFacts } from '../kernel/facts';
import type { DocumentContent, DocumentFile, DocumentVersion, EvidenceDocumentEvent } from './events';

/** The highest version number a document may carry. */
export const MAX_VERSION = 9999;

interface VersionInput {
  content: DocumentContent;
  /** The version number the organisation gives it; null: the next one (1 for a new document). */
  version: number | null;
  file: DocumentFile;
  /** The indicators applicable to the organisation today: a document supports some of them, never another. */
  applicable: readonly number[];
  by: string;
  /** Today in Paris: a document is dated on or before it. */
  today: string;
}

export type EvidenceDocumentCommand =
  | ({ type: 'AddDocument'; documentId: string } & VersionInput)
  | ({ type: 'AddVersion' } & VersionInput)
  | { type: 'WithdrawDocument'; reason: string; by: string; today: string };

export interface EvidenceDocumentState {
  /** The current version; null before the document is added. */
  current: DocumentVersion | null;
  withdrawn: boolean;
}

/** The indicators ascending, each once. */
const normalised = (content: DocumentContent): DocumentContent => ({
  ...content,
  indicators: [...new Set(content.indicators)].sort((a, b) => a - b),
});

const checkContent = (input: VersionInput) => {
  const { on, indicators } = input.content;
  if (indicators.length === 0) {
    throw badRequest('no_indicator', 'A document supports at least one indicator');
  }
  const applicable = new Set(input.applicable);
  const foreign = indicators.filter((indicator) => !applicable.has(indicator));
  if (foreign.length > 0) {
    throw badRequest('indicator_not_applicable', 'These indicators do not apply to the organisation', {
      indicators: foreign,
    });
  }
  if (on > input.today) {
    throw badRequest('document_date_in_future', 'A document is dated on or before today', {
      on,
      today: input.today,
    });
  }
};

const existing = (state: EvidenceDocumentState) => {
  if (!state.current) throw notFound('evidence_document_not_found', 'No such evidence document');
  return state.current;
};

const versionOf = (documentId: string, version: number, input: VersionInput): DocumentVersion => ({
  documentId,
  version,
  ...normalised(input.content),
  file: input.file,
  addedBy: input.by,
});

/** Whether a version states what the current one does, with the same file (a retried upload). */
const sameVersion = (current: DocumentVersion, input: VersionInput) => {
  const { title, on, indicators, note } = current;
  return (
    current.file.sha256 === input.file.sha256 &&
    (input.version === null || input.version === current.version) &&
    sameFacts({ title, on, indicators, note }, normalised(input.content))
  );
};

/**
 * One stream per evidence document: added with its first version, replaced by newer versions (each with its own
 * file, the earlier ones kept), withdrawn once with a reason. Version numbers only grow.
 */
export const evidenceDocumentDecider: Decider<
  EvidenceDocumentState,
  EvidenceDocumentCommand,
  EvidenceDocumentEvent
> = {
  initialState: { current: null, withdrawn: false },

  evolve(state, event) {
    switch (event.type) {
      case 'EvidenceDocumentAdded':
      case 'EvidenceDocumentVersionAdded':
        return { ...state, current: event.data };
      case 'EvidenceDocumentWithdrawn':
        return { ...state, withdrawn: true };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'AddDocument': {
        if (state.current) throw conflict('evidence_document_exists', 'This document is already recorded');
        checkContent(command);
        return [
          {
            type: 'EvidenceDocumentAdded',
            data: versionOf(command.documentId, command.version ?? 1, command),
          },
        ];
      }
      case 'AddVersion': {
        const current = existing(state);
        if (state.withdrawn) {
          throw conflict(
            'evidence_document_withdrawn',
            'This document is withdrawn; it takes no new version',
          );
        }
        if (sameVersion(current, command)) return [];
        const version = command.version ?? current.version + 1;
        if (version <= current.version) {
          throw conflict('version_not_newer', `A new version is numbered above ${current.version}`, {
            currentVersion: current.version,
            version,
          });
        }
        if (version > MAX_VERSION) {
          throw badRequest('version_too_high', `A version is numbered at most ${MAX_VERSION}`, { version });
        }
        checkContent(command);
        return [
          { type: 'EvidenceDocumentVersionAdded', data: versionOf(current.documentId, version, command) },
        ];
      }
      case 'WithdrawDocument': {
        const current = existing(state);
        if (state.withdrawn) return [];
        return [
          {
            type: 'EvidenceDocumentWithdrawn',
            data: {
              documentId: current.documentId,
              reason: command.reason,
              withdrawnOn: command.today,
              withdrawnBy: command.by,
            },
          },
        ];
      }
    }
  },
};
