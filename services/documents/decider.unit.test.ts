import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { type EvidenceDocumentCommand, evidenceDocumentDecider } from './decider';
import type { DocumentFile, EvidenceDocumentEvent } from './events';

const spec = deciderSpec(evidenceDocumentDecider);
const TODAY = '2027-03-15';
const APPLICABLE = [1, 2, 4, 5, 6, 8, 9, 10, 11, 12, 17, 18, 19, 21, 22, 23, 24, 25, 26, 30, 31, 32];
const brochure: DocumentFile = {
  fileId: 'f1',
  fileName: 'livret.pdf',
  mediaType: 'application/pdf',
  size: 1200,
  sha256: 'a'.repeat(64),
};
const revised: DocumentFile = {
  ...brochure,
  fileId: 'f2',
  fileName: 'livret-v2.pdf',
  sha256: 'b'.repeat(64),
};

const add = {
  type: 'AddDocument',
  documentId: 'd1',
  content: { title: 'Livret d’accueil', on: '2027-01-10', indicators: [22, 1], note: null },
  version: null,
  file: brochure,
  applicable: APPLICABLE,
  by: 'u1',
  today: TODAY,
} satisfies EvidenceDocumentCommand;
const added: EvidenceDocumentEvent = {
  type: 'EvidenceDocumentAdded',
  data: {
    documentId: 'd1',
    version: 1,
    title: 'Livret d’accueil',
    on: '2027-01-10',
    indicators: [1, 22],
    note: null,
    file: brochure,
    addedBy: 'u1',
  },
};
const newVersion = { ...add, type: 'AddVersion', file: revised } satisfies EvidenceDocumentCommand;
const withdraw = {
  type: 'WithdrawDocument',
  reason: 'Remplacé par le livret 2028',
  by: 'u1',
  today: TODAY,
} satisfies EvidenceDocumentCommand;
const withdrawn: EvidenceDocumentEvent = {
  type: 'EvidenceDocumentWithdrawn',
  data: { documentId: 'd1', reason: 'Remplacé par le livret 2028', withdrawnOn: TODAY, withdrawnBy: 'u1' },
};

describe('evidence document decider', () => {
  it('adds a document as its version 1, its indicators in order, once', () => {
    spec.given([]).when(add).thenEmits([added]);
    spec.given([added]).when(add).thenRejects('evidence_document_exists', 409);
  });

  it('keeps the version number the organisation gives its first version', () => {
    spec
      .given([])
      .when({ ...add, version: 4 })
      .thenMatches([{ type: 'EvidenceDocumentAdded', data: { version: 4 } }]);
  });

  it('refuses a document without indicator, for an indicator that does not apply, or dated after today', () => {
    const content = add.content;
    spec
      .given([])
      .when({ ...add, content: { ...content, indicators: [] } })
      .thenRejects('no_indicator', 400);
    const foreign = spec
      .given([])
      .when({ ...add, content: { ...content, indicators: [1, 13, 28] } })
      .thenRejects('indicator_not_applicable', 400);
    expect(foreign.details).toEqual({ indicators: [13, 28] });
    spec
      .given([])
      .when({ ...add, content: { ...content, on: '2027-03-16' } })
      .thenRejects('document_date_in_future', 400);
  });

  it('adds the next version with its own file, the title and indicators it says', () => {
    spec
      .given([added])
      .when({ ...newVersion, content: { ...add.content, title: 'Livret d’accueil 2027', indicators: [1] } })
      .thenMatches([
        {
          type: 'EvidenceDocumentVersionAdded',
          data: {
            documentId: 'd1',
            version: 2,
            title: 'Livret d’accueil 2027',
            indicators: [1],
            file: revised,
          },
        },
      ]);
  });

  it('refuses a version numbered at or below the current one', () => {
    const refused = spec
      .given([added])
      .when({ ...newVersion, version: 1 })
      .thenRejects('version_not_newer', 409);
    expect(refused.details).toMatchObject({ currentVersion: 1 });
    spec
      .given([added])
      .when({ ...newVersion, version: 5 })
      .thenMatches([{ data: { version: 5 } }]);
  });

  it('records nothing for the same file and content sent again (a retried upload)', () => {
    spec
      .given([added])
      .when({ ...newVersion, file: { ...brochure, fileId: 'f9' } })
      .thenNothing();
  });

  it('refuses a version of a document never added, or withdrawn', () => {
    spec.given([]).when(newVersion).thenRejects('evidence_document_not_found', 404);
    spec.given([added, withdrawn]).when(newVersion).thenRejects('evidence_document_withdrawn', 409);
  });

  it('withdraws a document once, with its reason; a missing one is not found', () => {
    spec.given([added]).when(withdraw).thenEmits([withdrawn]);
    spec.given([added, withdrawn]).when(withdraw).thenNothing();
    spec.given([]).when(withdraw).thenRejects('evidence_document_not_found', 404);
  });
});
