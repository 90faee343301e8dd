/**
 * What an audit binder holds, as the parts that write it see it: the data source (read from the projections and
 * the log), the ZIP writer with its manifest, hash chain and signature, and the renderers (PDF, CSV, XLSX) agree on
 * these types and on nothing else. Everything here is already decided for the binder: the renderers never read the
 * database, and the writer never formats for people.
 */

/** What was asked: the organisation, a period of Paris calendar days, indicators, and the log position it stops at. */
export interface BinderRequest {
  organisationId: string;
  /** First Paris day of the period, YYYY-MM-DD, inclusive. */
  from: string;
  /** Last Paris day of the period, YYYY-MM-DD, inclusive. */
  to: string;
  /** The indicators the binder covers, ascending. */
  indicators: readonly number[];
  /** The binder reads the log up to this global position, inclusive: the same position gives the same bytes. */
  asOfPosition: number;
  /** When the event at asOfPosition was recorded (ISO 8601): the binder's date, written on its cover. */
  asOfRecordedAt: string;
}

export type ReadinessStatus = 'ready' | 'at_risk' | 'missing';

export interface BinderIndicator {
  number: number;
  criterion: number;
  /** The criterion's official French title. */
  criterionTitle: string;
  /** The indicator's official French wording, quoted exactly. */
  wording: string;
  majorOnly: boolean;
  /** Audit readiness at asOf, with its reasons in plain French; undefined until readiness is computed. */
  readiness?: { status: ReadinessStatus; reasons: readonly string[] };
  /** How many evidence items the indicator has in the period (the PDF may show fewer; the tables show them all). */
  itemCount: number;
}

/** One line of an indicator's evidence timeline, as read people see it (erased personal data reads "effacé"). */
export interface BinderItem {
  indicator: number;
  /** ISO 8601 instant. */
  occurredAt: string;
  kind: string;
  title: string;
  summary: string | null;
  sourceType: string;
  sourceId: string;
  eventId: string;
  position: number;
}

/** An evidence event as stored in the log (personal fields stay ciphertext): what the hash chain is computed over. */
export interface BinderStoredEvent {
  position: number;
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  /** ISO 8601 instant. */
  recordedAt: string;
  data: unknown;
  metadata: unknown;
}

/** An event as a binder reads it from the log: its data and metadata as the JSON text stored, never parsed here. */
export interface BinderEventRow extends Omit<BinderStoredEvent, 'data' | 'metadata'> {
  /** JSON text. */
  data: string;
  /** JSON text. */
  metadata: string;
}

/** An uploaded evidence document (one version) the binder carries as a file. */
export interface BinderDocument {
  documentId: string;
  version: number;
  title: string;
  /** Paris day the document is dated, YYYY-MM-DD. */
  on: string;
  indicators: readonly number[];
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  open(): Promise<NodeJS.ReadableStream>;
}

export interface BinderOrganisation {
  id: string;
  name: string;
  siret: string | null;
}

/**
 * Everything a binder is written from. Iterables are read in the order they give, and may be read more than once
 * (the PDF and the tables each read the items): each call starts a fresh read.
 */
export interface BinderSource {
  request: BinderRequest;
  organisation: BinderOrganisation;
  /** The covered indicators, ascending. */
  indicators: readonly BinderIndicator[];
  /** An indicator's items in the period, oldest first (occurredAt, then eventId). */
  items(indicator: number): AsyncIterable<BinderItem>;
  /** The stored events behind all included items, each once, by ascending position. */
  events(): AsyncIterable<BinderEventRow>;
  /** The evidence documents current at asOf for the covered indicators, by documentId then version. */
  documents(): AsyncIterable<BinderDocument>;
  /**
   * Shortcuts a source may offer so the PDF need not read every item: an indicator's items counted per UTC hour
   * (hours start on Paris hours, so each falls in one Paris month), and its `count` latest items, oldest first.
   * They must agree with `items()`; the PDF reads the items itself when they are absent.
   */
  hourlyCounts?(indicator: number): Promise<readonly { hour: string; count: number }[]>;
  latest?(indicator: number, count: number): Promise<BinderItem[]>;
}

/** Progress of a binder being written: the writer calls it as it goes (items and events counted once each). */
export type BinderProgress = (done: number, total: number, step: string) => void;
