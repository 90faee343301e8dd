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
  source(data: Data): { type: string; id: string };
}

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
