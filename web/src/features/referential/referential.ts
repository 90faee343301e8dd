import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

/** Versions the referential page offers (the server answers the one in force when none is asked). */
export const REFERENTIAL_VERSIONS = ['2019', '2026'] as const;

/** National reference data, the same for every organisation: no command changes it. */
const referenceData = { staleTime: Number.POSITIVE_INFINITY, meta: { organisationData: false } } as const;

const ReferentialQuery = graphql(`
  query Referential($version: String) {
    referential(version: $version) {
      version label status statusNote
      criteria { number title indicators { number title majorOnly appliesTo } }
    }
  }
`);

export type Criterion = ResultOf<typeof ReferentialQuery>['referential']['criteria'][number];

/** A version of the national quality referential (the one in force today when `version` is null). */
export function useReferential(version: string | null) {
  return useQuery({
    ...graphQLQuery(ReferentialQuery, { version }),
    ...referenceData,
    select: (data) => data.referential,
  });
}

const IndicatorsInForceQuery = graphql(`
  query IndicatorsInForce {
    referential { version criteria { indicators { number title summaryEn } } }
  }
`);

export type IndicatorInForce = ResultOf<
  typeof IndicatorsInForceQuery
>['referential']['criteria'][number]['indicators'][number];

/** The indicators of the referential in force today, in order (32 in the 2019 version). */
export function useIndicatorsInForce() {
  return useQuery({
    ...graphQLQuery(IndicatorsInForceQuery, {}),
    ...referenceData,
    select: (data) => ({
      version: data.referential.version,
      indicators: data.referential.criteria.flatMap((criterion) => criterion.indicators),
    }),
  });
}

const OrganisationApplicabilityQuery = graphql(`
  query OrganisationApplicability($version: String) {
    organisationProfile {
      activities { newEntrant }
      applicability(version: $version) { number applies because deferredToSurveillance }
    }
  }
`);

export type IndicatorApplicability = NonNullable<
  ResultOf<typeof OrganisationApplicabilityQuery>['organisationProfile']['applicability']
>[number];

/**
 * Which indicators of a version apply to the signed-in member's organisation, and why, by indicator number;
 * `null` until the organisation declared its activities.
 */
export function useOrganisationApplicability(version: string | undefined) {
  return useQuery({
    ...graphQLQuery(OrganisationApplicabilityQuery, { version: version ?? null }),
    enabled: version !== undefined,
    select: (data) => {
      const list = data.organisationProfile.applicability;
      return list ? new Map(list.map((indicator) => [indicator.number, indicator])) : null;
    },
  });
}

const EvidenceCountsQuery = graphql(`
  query EvidenceCounts { evidenceSummary { indicator count } }
`);

/** How many items of evidence the organisation holds for each indicator (from the counters), by number. */
export function useEvidenceCounts() {
  return useQuery({
    ...graphQLQuery(EvidenceCountsQuery, {}),
    select: (data) => new Map(data.evidenceSummary.map((row) => [row.indicator, row.count])),
  });
}
