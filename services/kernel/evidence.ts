/**
 * How an event type evidences RNQ indicators: the evidence timeline projection turns each declared event into
 * one timeline item per indicator. Titles are French first: they appear as-is in the binder.
 */
export interface EvidenceDeclaration {
  indicators: readonly number[];
  kind: string;
  title(data: never): string;
  summary?(data: never): string | undefined;
  /** The entity the evidence links to. */
  source(data: never): { type: string; id: string };
}

export type EvidenceDeclarations = Readonly<Record<string, EvidenceDeclaration>>;
