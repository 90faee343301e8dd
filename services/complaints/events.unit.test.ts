import { describe, expect, it } from 'vitest';
import { noPersonalData } from '../privacy/declarations';
import {
  type ComplaintEvent,
  complaintEvidence,
  complaintPersonalData,
  complaintSubjectReferences,
} from './events';

const received: Extract<ComplaintEvent, { type: 'ComplaintReceived' }> = {
  type: 'ComplaintReceived',
  data: {
    complaintId: 'c1',
    channel: 'letter',
    group: 'company',
    anonymous: false,
    name: 'Marc Petit',
    email: null,
    phone: null,
    postalAddress: '12 avenue Foch, Metz',
    about: { trainingActionId: null, trainingTitle: null, sessionId: null, sessionTitle: null, site: null },
    receivedOn: '2026-11-30',
    text: 'Facture reçue deux fois.',
    attachments: [],
    ownerId: 'u1',
  },
};

describe('complaint declarations', () => {
  it('seals the complainant’s name, contact, words and files with the complaint as subject', () => {
    const declaration = complaintPersonalData.ComplaintReceived;
    expect(declaration).not.toBe(noPersonalData);
    const fields = (declaration as Exclude<typeof declaration, 'none'>).map((field) => [
      field.field,
      field.subject(received.data),
    ]);
    expect(fields).toEqual([
      ['name', 'complainant:c1'],
      ['email', 'complainant:c1'],
      ['phone', 'complainant:c1'],
      ['postalAddress', 'complainant:c1'],
      ['text', 'complainant:c1'],
      ['attachments', 'complainant:c1'],
    ]);
  });

  it('evidences indicator 31 with a title that names nobody and quotes nothing', () => {
    const evidence = complaintEvidence.ComplaintReceived;
    const title = evidence?.title(received.data) ?? '';
    expect(title).toBe('Réclamation reçue (courrier, entreprise) — 30/11/2026');
    expect(evidence?.indicators).toEqual([31]);
    expect(evidence?.summary).toBeUndefined();
  });

  it('names the owners a reassignment speaks of', () => {
    expect(
      complaintSubjectReferences.ComplaintReassigned?.({
        complaintId: 'c1',
        ownerId: 'u2',
        previousOwnerId: 'u1',
      }),
    ).toEqual(['user:u2', 'user:u1']);
  });
});
