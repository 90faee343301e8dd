import type { Selectable } from 'kysely';
import type {
  ContactContent,
  ContactKind,
  PartnerGroup,
  PersonMet,
  RemovalReason,
} from '../../services/contact-log/events';
import type { CalendarDate, Timestamp } from '../../services/db/columns';
import type { ERASED } from '../../services/privacy/declarations';

/** A personal value as the read model holds it: the value, or ERASED once its contact was erased. */
export type Erasable<Value> = Value | typeof ERASED;

/** What a history row keeps of a revision: the content as the event said it (personal fields maybe ERASED). */
export type ContactContentRecord = Omit<ContactContent, 'people' | 'said' | 'followUp'> & {
  people: Erasable<PersonMet[]>;
  said: string;
  followUp: string | null;
};

export type ContactLogTables = {
  /** One row per logged contact: its current revision, as the list shows it. */
  partner_contacts: {
    id: string;
    organisation_id: string;
    group: PartnerGroup;
    partner_name: string;
    kind: ContactKind;
    contact_on: CalendarDate;
    people: Erasable<PersonMet[]>;
    said: string;
    follow_up: string | null;
    session_id: string | null;
    training_action_id: string | null;
    training_title: string | null;
    session_title: string | null;
    /** 1 when logged, then one more per correction. */
    version: number;
    /** The stream's revision, for If-Match. */
    revision: number;
    removed: boolean;
    removal_reason: RemovalReason | null;
    removal_note: string | null;
    logged_by: string | null;
    logged_at: Timestamp;
    updated_at: Timestamp;
  };
  /** Every change of a contact, in order: its logging, each correction, its removal. */
  partner_contact_history: {
    contact_id: string;
    revision: number;
    organisation_id: string;
    change: 'logged' | 'corrected' | 'removed';
    /** The content the change recorded (null for a removal). */
    content: ContactContentRecord | null;
    reason: RemovalReason | null;
    note: string | null;
    changed_by: string | null;
    changed_at: Timestamp;
  };
};

export type PartnerContactRow = Selectable<ContactLogTables['partner_contacts']>;
export type PartnerContactHistoryRow = Selectable<ContactLogTables['partner_contact_history']>;
