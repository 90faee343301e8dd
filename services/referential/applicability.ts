import {
  ACTION_CATEGORIES,
  type ActionCategory,
  type ActionCondition,
  type Applicability,
  type ApplicabilityProfile,
  type Indicator,
  type IndicatorApplicability,
} from './types';

/**
 * Conditions that always hold for an organisation running a given category of action.
 *
 * An apprenticeship is by law an alternance between the CFA and a company, it includes periods of training in a
 * work situation, and it always prepares a certification registered in the RNCP (code du travail, L. 6211-1);
 * so a CFA always gets indicators 13 (alternance), 28 (work-based periods) and the certifying ones (3, 7, 16).
 * An explicit `alternance: false` or `certifying: false` does not override it.
 */
export const CONDITIONS_IMPLIED_BY_CATEGORY: Readonly<
  Partial<Record<ActionCategory, readonly ActionCondition[]>>
> = {
  apprenticeship: ['alternance', 'work_based_training', 'certifying'],
};

/** The conditions that hold for a profile, explicit flags plus those implied by its categories. */
export function activeConditions(profile: ApplicabilityProfile): Set<ActionCondition> {
  const active = new Set<ActionCondition>();
  if (profile.certifying) active.add('certifying');
  if (profile.subcontracting) active.add('subcontracting');
  if (profile.workBasedTraining) active.add('work_based_training');
  if (profile.alternance) active.add('alternance');
  for (const category of profile.categories) {
    for (const condition of CONDITIONS_IMPLIED_BY_CATEGORY[category] ?? []) active.add(condition);
  }
  return active;
}

/** Whether an applicability rule holds for a profile. */
export function isApplicable(applicability: Applicability, profile: ApplicabilityProfile): boolean {
  const runsAnyOf = (categories: readonly ActionCategory[]): boolean =>
    categories.some((category) => profile.categories.includes(category));
  switch (applicability.kind) {
    case 'all':
      return true;
    case 'categories':
      return runsAnyOf(applicability.categories);
    case 'when':
      return (
        activeConditions(profile).has(applicability.condition) &&
        (applicability.categories === undefined || runsAnyOf(applicability.categories))
      );
  }
}

/**
 * Human-readable applicability codes (exposed through GraphQL):
 * `all` → the four categories; `categories` → those categories; `when` → the condition, or
 * `condition:category` pairs when the rule is also restricted to categories.
 */
export function applicabilityCodes(applicability: Applicability): string[] {
  switch (applicability.kind) {
    case 'all':
      return [...ACTION_CATEGORIES];
    case 'categories':
      return [...applicability.categories];
    case 'when':
      return applicability.categories === undefined
        ? [applicability.condition]
        : applicability.categories.map((category) => `${applicability.condition}:${category}`);
  }
}

/** The profile's sources of a condition: the flag it declared, and the categories it runs that imply it. */
const sourcesOf = (condition: ActionCondition, profile: ApplicabilityProfile): string[] => {
  const declared = {
    certifying: profile.certifying,
    subcontracting: profile.subcontracting,
    work_based_training: profile.workBasedTraining,
    alternance: profile.alternance === true,
  }[condition];
  const implying = profile.categories.filter((category) =>
    CONDITIONS_IMPLIED_BY_CATEGORY[category]?.includes(condition),
  );
  return [...(declared ? [condition] : []), ...implying];
};

/** Whether an indicator applies to a profile, why, and whether a new entrant is checked on it only later. */
export function explainApplicability(
  indicator: Indicator,
  profile: ApplicabilityProfile,
): IndicatorApplicability {
  const applies = isApplicable(indicator.applicability, profile);
  const rule = indicator.applicability;
  const because = !applies
    ? []
    : rule.kind === 'all'
      ? ['common']
      : rule.kind === 'categories'
        ? rule.categories.filter((category) => profile.categories.includes(category))
        : sourcesOf(rule.condition, profile);
  return {
    number: indicator.number,
    applies,
    because,
    deferredToSurveillance: applies && profile.newEntrant === true && indicator.newEntrantDeferred,
  };
}
