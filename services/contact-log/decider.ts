import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import { sameFacts } from '../kernel/facts';
import { ERASED } from '../privacy/declarations';
import type { ContactContent, ContactLogEvent, RemovalReason } from './events';

export type ContactLogCommand =
  /** `today` is the Paris date at the command's instant: a contact cannot be dated after it. */
  | { type: 'LogContact'; contactId: string; content: ContactContent; today: string }
  | { type: 'CorrectContact'; content: ContactContent; today: string }
  | { type: 'RemoveContact'; reason: RemovalReason; note: string | null };

export interface ContactLogState {
  contactId: string | null;
  version: number;
  content: ContactContent | null;
  removed: boolean;
}

export const MAX_PEOPLE = 20;

/** The rules a contact's content keeps whatever the form sent (the route's schema checks shapes and lengths). */
export const checkContent = (content: ContactContent, today: string): void => {
  if (content.contactOn > today) {
    throw badRequest(
      'contact_date_in_future',
      'A contact is logged once it happened: its date is not after today',
      {
        contactOn: content.contactOn,
        today,
      },
    );
  }
  if (content.people.length === 0) {
    throw badRequest('people_missing', 'Name at least one person met');
  }
  if (content.people.length > MAX_PEOPLE) {
    throw badRequest('too_many_people', `Name at most ${MAX_PEOPLE} people`);
  }
};

const existing = (state: ContactLogState) => {
  if (!state.contactId || !state.content) throw notFound('contact_not_found', 'No such contact');
  return { contactId: state.contactId, content: state.content };
};

/** One stream per logged contact: its revisions, and whether it was removed. */
export const contactLogDecider: Decider<ContactLogState, ContactLogCommand, ContactLogEvent> = {
  initialState: { contactId: null, version: 0, content: null, removed: false },

  evolve(state, event) {
    switch (event.type) {
      case 'PartnerContactLogged': {
        const { contactId, ...content } = event.data;
        return { ...state, contactId, version: 1, content };
      }
      case 'PartnerContactCorrected': {
        const { contactId: _, version, ...content } = event.data;
        return { ...state, version, content };
      }
      case 'PartnerContactRemoved':
        return { ...state, removed: true };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'LogContact': {
        if (state.contactId) throw conflict('contact_exists', 'This contact is already logged');
        checkContent(command.content, command.today);
        return [{ type: 'PartnerContactLogged', data: { contactId: command.contactId, ...command.content } }];
      }
      case 'CorrectContact': {
        const { contactId, content } = existing(state);
        if (state.removed)
          throw conflict('contact_removed', 'This contact was removed; it cannot be corrected');
        // Its people and words are gone for good: a correction would write them under a shredded key.
        if (content.said === ERASED) {
          throw conflict('contact_erased', 'The personal data of this contact was erased; log a new contact');
        }
        checkContent(command.content, command.today);
        // Saving what is already there makes no revision.
        if (sameFacts(command.content, content)) return [];
        return [
          {
            type: 'PartnerContactCorrected',
            data: { contactId, version: state.version + 1, ...command.content },
          },
        ];
      }
      case 'RemoveContact': {
        const { contactId } = existing(state);
        if (state.removed) return [];
        return [
          { type: 'PartnerContactRemoved', data: { contactId, reason: command.reason, note: command.note } },
        ];
      }
    }
  },
};
