/**
 * Types of the Qualiopi national quality referential (référentiel national qualité, RNQ).
 *
 * The referential is versioned data: each version lists its criteria and indicators with the official French
 * wording (legal text, quoted exactly), an English summary of our own, grading and applicability.
 */

/** Categories of action of article L. 6313-1 of the code du travail, in the order of the annex columns. */
export const ACTION_CATEGORIES = ['training', 'skills_assessment', 'vae', 'apprenticeship'] as const;
export type ActionCategory = (typeof ACTION_CATEGORIES)[number];

/**
 * Situations that make a specific indicator applicable, beyond the category of action:
 * - `certifying`: services leading to a professional certification (RNCP / RS);
 * - `subcontracting`: the provider uses subcontracting or portage salarial;
 * - `work_based_training`: services include periods of training in a work situation;
 * - `alternance`: training alternating between the provider and a company.
 */
export type ActionCondition = 'certifying' | 'subcontracting' | 'work_based_training' | 'alternance';

/**
 * Declarative applicability of an indicator (plain data, evaluated by `isApplicable` in `applicability.ts`).
 * - `all`: common indicator, applies to every organisation;
 * - `categories`: applies when the organisation runs at least one of the listed categories;
 * - `when`: applies when the condition holds; if `categories` is given, the organisation must also run at
 *   least one of them.
 */
export type Applicability =
  | { kind: 'all' }
  | { kind: 'categories'; categories: ActionCategory[] }
  | { kind: 'when'; condition: ActionCondition; categories?: ActionCategory[] };

/**
 * How far the official wording is verified.
 * - `confirmed`: independent transcriptions agree word for word;
 * - `variant`: transcriptions differ, the kept reading is not confirmed;
 * - `reported`: wording of an unconfirmed amending text (not checked against the Journal officiel).
 */
export type WordingStatus = 'confirmed' | 'variant' | 'reported';

export interface Indicator {
  /** Indicator number, 1..32 (2019) or 1..33 (2026). */
  number: number;
  /** Number of the criterion the indicator belongs to (1..7). */
  criterion: number;
  /** Official French wording (legal text, quoted exactly). */
  title: string;
  /** Short English summary (product wording, not a translation of the legal text). */
  summaryEn: string;
  /** Any failure is a major non-conformity (no minor grading). */
  majorOnly: boolean;
  /** Flagged as a specific indicator (indicateur spécifique) rather than a common one. */
  specific: boolean;
  applicability: Applicability;
  /** Human-readable applicability codes, e.g. ['training', 'skills_assessment', 'vae', 'apprenticeship'] or ['certifying']. */
  appliesTo: string[];
  /** For new entrants, only checked at the surveillance audit (the process must exist at the initial audit). */
  newEntrantDeferred: boolean;
  /** Always reviewed at the surveillance audit (major-only indicators, plus 1, 3, 17 and 19). */
  surveillanceAlwaysReviewed: boolean;
  wordingStatus: WordingStatus;
  /** Why the data is as it is (disputed applicability, wording variant, reported amendment…). */
  note?: string;
}

export interface Criterion {
  /** Criterion number, 1..7 (article R. 6316-1 of the code du travail). */
  number: number;
  /** Official French title (legal text, quoted exactly). */
  title: string;
  /** Short English title (product wording). */
  titleEn: string;
  indicators: Indicator[];
}

export type ReferentialVersionId = '2019' | '2026';

export interface ReferentialVersion {
  version: ReferentialVersionId;
  label: string;
  /** `to_confirm` until a person confirms the legal text in the product. */
  status: 'confirmed' | 'to_confirm';
  /** French status note shown to users, e.g. "À confirmer au Journal officiel". */
  statusNote: string;
  legalSource: string;
  /** ISO date (YYYY-MM-DD) from which audits use this version. */
  effectiveFrom: string;
  criteria: Criterion[];
}

/** What an organisation does, as far as indicator applicability is concerned. */
export interface ApplicabilityProfile {
  categories: ActionCategory[];
  /** Prepares for professional certifications (RNCP / RS). */
  certifying: boolean;
  /** Uses subcontracting or portage salarial. */
  subcontracting: boolean;
  /** Services include periods of training in a work situation (AFEST, internships in companies…). */
  workBasedTraining: boolean;
  /** Runs alternance training. Apprenticeship always counts as alternance (see `applicability.ts`). */
  alternance?: boolean;
  /**
   * A new entrant (first year of activity, or a new category of action): the indicators marked
   * `newEntrantDeferred` still apply, but only their process is checked at the initial audit, their results at
   * the surveillance audit.
   */
  newEntrant?: boolean;
}

/** Why an indicator applies to an organisation or not, and when a new entrant is audited on it. */
export interface IndicatorApplicability {
  number: number;
  applies: boolean;
  /**
   * What makes it apply: `common` for a common indicator, else the organisation's categories or conditions that
   * meet the rule (a condition implied by a category is named by that category). Empty when it does not apply.
   */
  because: string[];
  /** Applies to a new entrant, whose results on it are only checked at the surveillance audit. */
  deferredToSurveillance: boolean;
}
