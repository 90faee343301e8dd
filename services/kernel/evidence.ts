/**
 * How an event type evidences RNQ indicators: the evidence timeline projection turns each declared event into
 * one timeline item per indicator. Titles are French first: they appear as-is in the binder.
 */
export interface EvidenceDeclaration<Data> {
  /** The indicators it evidences: fixed for the type, or read from the event (an answer to 30 or 11 or both). */
  indicators: readonly number[] | ((data: Data) => readonly number[]);
  /** What kind of evidence: fixed for the type, or read from the event (an invitation or a reminder). */
  kind: string | ((data: Data) => string);
  title(data: Data): string;
  summary?(data: Data): string | undefined;
  /** The entity the evidence links to. */
  source(data: Data): EvidenceSource;
  /**
   * The session or training action the event names, if any (an item then carries its site and category).
   * Without it, an item inherits what an earlier event of the same source named (a complaint's later steps).
   */
  concerns?(data: Data): EvidenceConcern | null;
}

export type EvidenceSource = { type: string; id: string };

/** What an item of evidence is about: a session (hence its action), an action alone, or neither (null). */
export type EvidenceConcern = { sessionId: string | null; trainingActionId: string | null };

/**
 * An event that evidences nothing itself but names what a source concerns (a campaign planned for a session):
 * the items of that source recorded later inherit it.
 */
export interface EvidenceContext<Data> {
  source(data: Data): EvidenceSource;
  concerns(data: Data): EvidenceConcern | null;
}

/** Which of a slice's event types name the session or action of a source without evidencing anything. */
export type EvidenceContexts<Event extends { type: string; data: unknown }> = {
  readonly [Type in Event['type']]?: EvidenceContext<Extract<Event, { type: Type }>['data']>;
};

/** Which of a slice's event types evidence indicators, each declaration typed by its event's data. */
export type EvidenceDeclarations<Event extends { type: string; data: unknown }> = {
  readonly [Type in Event['type']]?: EvidenceDeclaration<Extract<Event, { type: Type }>['data']>;
};

/** The indicators one event evidences under its declaration. */
export const indicatorsOf = <Data>(declaration: EvidenceDeclaration<Data>, data: Data): readonly number[] =>
  typeof declaration.indicators === 'function' ? declaration.indicators(data) : declaration.indicators;

/** The kind of evidence one event is under its declaration. */
export const kindOf = <Data>(declaration: EvidenceDeclaration<Data>, data: Data): string =>
  typeof declaration.kind === 'function' ? declaration.kind(data) : declaration.kind;
