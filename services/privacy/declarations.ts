/**
 * Which fields of an event are personal data, declared beside the event types like their evidence. The vault
 * encrypts these fields on append with their subject's key and reads them back in clear, or as ERASED once the
 * subject is erased. Every event type declares either its personal fields or `noPersonalData`.
 */

/** What an erased personal field reads as, everywhere (events, read models, exports). */
export const ERASED = '[effacé]';

/** Whose data a personal field is: each subject has its own key, so it can be erased alone. */
export const SUBJECT_KINDS = ['user', 'respondent', 'learner', 'complainant', 'contact'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** A data subject's id across the platform: its kind, then the id it has in its slice. */
export const subjectId = (kind: SubjectKind, id: string): string => `${kind}:${id}`;

export interface PersonalField<Data> {
  /** A top-level field of the event's data; null or absent values are left as they are. */
  field: keyof Data & string;
  /** The subject the value belongs to, read from the event's (clear) data. */
  subject(data: Data): string;
  /**
   * The value is the subject's e-mail address: subject access finds a person's subjects by it (an index of the
   * normalised address, scrubbed when the subject is erased; see projections/subject-access).
   */
  email?: true;
}

export const noPersonalData = 'none' as const;

/** Either the personal fields of an event type, or the explicit statement that it holds none. */
export type PersonalDataDeclaration<Data> = readonly PersonalField<Data>[] | typeof noPersonalData;

/**
 * A slice's declarations: every event type of its union is a key (a missing one is a compile error). Free text
 * typed by a person (comments, messages) is personal by default: declare it with its author, or with the record
 * itself as subject when the author is unknown (an anonymous answer), so it can be erased alone.
 */
export type PersonalDataDeclarations<Event extends { type: string; data: unknown }> = {
  readonly [Type in Event['type']]: PersonalDataDeclaration<Extract<Event, { type: Type }>['data']>;
};

/** Every slice's declarations merged, keyed by event type; data types erased at this boundary. */
export type AllPersonalDataDeclarations = Readonly<
  Record<string, PersonalDataDeclaration<Record<string, unknown>> | undefined>
>;

/** The personal fields of an event type, [] when it declares none, undefined when it declares nothing. */
export const personalFieldsOf = (
  declarations: AllPersonalDataDeclarations,
  type: string,
): readonly PersonalField<Record<string, unknown>>[] | undefined => {
  const declaration = declarations[type];
  if (declaration === undefined) return undefined;
  return declaration === noPersonalData ? [] : declaration;
};

/** An e-mail address as subject access compares it: trimmed, lower case (NFC). */
export const normaliseEmail = (email: string): string => email.normalize('NFC').trim().toLowerCase();

/**
 * Event types that name a data subject by id without holding a personal value of theirs (a role change, a
 * sign-in): subject access lists them in the subject's export, as facts about them. Types left out name nobody.
 */
export type SubjectReferences<Event extends { type: string; data: unknown }> = {
  readonly [Type in Event['type']]?: (data: Extract<Event, { type: Type }>['data']) => string[];
};

/** Every slice's references merged, keyed by event type; data types erased at this boundary. */
export type AllSubjectReferences = Readonly<
  Record<string, ((data: Record<string, unknown>) => string[]) | undefined>
>;
