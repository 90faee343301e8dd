/**
 * Public API of the Qualiopi national quality referential (RNQ), kept as versioned data.
 *
 * Versions: '2019' (décret n° 2019-565, confirmed, the default) and '2026' (décret n° 2026-728, reported, to be
 * confirmed at the Journal officiel). Adding a version means adding a data file and listing it here.
 */
import { explainApplicability, isApplicable } from './applicability';
import { rnq2019 } from './rnq-2019';
import { rnq2026 } from './rnq-2026';
import type {
  ApplicabilityProfile,
  Indicator,
  IndicatorApplicability,
  ReferentialVersion,
  ReferentialVersionId,
} from './types';

export { activeConditions, applicabilityCodes, explainApplicability, isApplicable } from './applicability';
export { RNQ_2019_MAJOR_ONLY, RNQ_2019_NEW_ENTRANT_DEFERRED, RNQ_2019_SURVEILLANCE_EXTRA } from './rnq-2019';
export type * from './types';
export { ACTION_CATEGORIES } from './types';

export const DEFAULT_REFERENTIAL_VERSION: ReferentialVersionId = '2019';

/** Every known version, oldest first. */
export const referentialVersions: readonly ReferentialVersion[] = [rnq2019, rnq2026];

/** A version by id; the default version when `version` is omitted; `undefined` for an unknown id. */
export function getReferential(version?: string): ReferentialVersion | undefined {
  const id = version ?? DEFAULT_REFERENTIAL_VERSION;
  return referentialVersions.find((candidate) => candidate.version === id);
}

/** All indicators of a version, in number order. */
export function indicatorsOf(referential: ReferentialVersion): Indicator[] {
  return referential.criteria
    .flatMap((criterion) => criterion.indicators)
    .sort((a, b) => a.number - b.number);
}

/** An indicator of a version (default version when omitted); `undefined` if the version or number is unknown. */
export function findIndicator(number: number, version?: string): Indicator | undefined {
  const referential = getReferential(version);
  if (referential === undefined) return undefined;
  return indicatorsOf(referential).find((indicator) => indicator.number === number);
}

export interface VersionForDateOptions {
  /** Also consider versions whose legal text is still to be confirmed (status 'to_confirm'). Default false. */
  acceptUnconfirmed?: boolean;
}

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:T.*)?$/;

/**
 * The referential version that applies to an audit held on `isoDate` (YYYY-MM-DD, or a full ISO date-time of
 * which the calendar date is used): the latest version whose `effectiveFrom` is on or before that date.
 *
 * The 2026 version applies from 2026-11-01, but its legal text is unconfirmed, so by default only confirmed
 * versions are considered and '2019' is returned; pass `{ acceptUnconfirmed: true }` (e.g. once a person has
 * confirmed the décret in the product) to get '2026' for audits on or after 2026-11-01. Dates before the first
 * version's effective date also get the oldest version. Throws a RangeError on a malformed date.
 */
export function referentialVersionForDate(
  isoDate: string,
  options: VersionForDateOptions = {},
): ReferentialVersionId {
  const match = ISO_DATE.exec(isoDate);
  const day = match?.[1];
  const parsed = day === undefined ? Number.NaN : Date.parse(`${day}T00:00:00Z`);
  if (day === undefined || Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== day) {
    throw new RangeError(`Invalid ISO date: ${isoDate}`);
  }
  const eligible = referentialVersions
    .filter((candidate) => candidate.status === 'confirmed' || options.acceptUnconfirmed === true)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  let chosen = eligible[0]?.version ?? DEFAULT_REFERENTIAL_VERSION;
  for (const candidate of eligible) {
    if (candidate.effectiveFrom <= day) chosen = candidate.version;
  }
  return chosen;
}

/**
 * Numbers of the indicators that apply to an organisation, in ascending order, for a version (default when
 * omitted). Apprenticeship implies the alternance and work-based-training conditions (see `applicability.ts`).
 * Throws a RangeError for an unknown version.
 */
export function applicableIndicators(profile: ApplicabilityProfile, version?: string): number[] {
  const referential = getReferential(version);
  if (referential === undefined) throw new RangeError(`Unknown referential version: ${version}`);
  return indicatorsOf(referential)
    .filter((indicator) => isApplicable(indicator.applicability, profile))
    .map((indicator) => indicator.number);
}

/**
 * Every indicator of a version (default when omitted) with whether it applies to the organisation and why.
 * Throws a RangeError for an unknown version.
 */
export function indicatorApplicability(
  profile: ApplicabilityProfile,
  version?: string,
): IndicatorApplicability[] {
  const referential = getReferential(version);
  if (referential === undefined) throw new RangeError(`Unknown referential version: ${version}`);
  return indicatorsOf(referential).map((indicator) => explainApplicability(indicator, profile));
}
