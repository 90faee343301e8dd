import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { fetchGraphQL } from '../../data/fetchGraphQL';
import { type ActionCategory, graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery, operationName } from '../../data/query';

/** What an item of a timeline shows (the dashboard's latest evidence too). */
export const EvidenceItemFields = graphql(`
  fragment EvidenceItemFields on EvidenceItem { id occurredAt kind title summary }
`);

const EvidenceTimelineQuery = graphql(
  `
  query EvidenceTimeline(
    $indicator: Int!, $from: Date, $to: Date, $site: String, $category: ActionCategory, $newestFirst: Boolean,
    $first: Int, $after: String
  ) {
    evidenceTimeline(
      indicator: $indicator, from: $from, to: $to, site: $site, category: $category, newestFirst: $newestFirst,
      first: $first, after: $after
    ) {
      totalCount
      edges { node { id ...EvidenceItemFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
`,
  [EvidenceItemFields],
);

/** The filters of the evidence page, as kept in its address. */
export interface EvidenceFilters {
  indicator: number;
  /** Inclusive Paris dates, `YYYY-MM-DD`. */
  from: string | null;
  to: string | null;
  /** The site of the sessions the items concern, and the category of their actions. */
  site: string | null;
  category: ActionCategory | null;
  newestFirst: boolean;
}

const EVIDENCE_PAGE_SIZE = 20;

/** The evidence timeline of one indicator, 20 items a page (Relay cursors). */
export function useEvidenceTimeline(filters: EvidenceFilters) {
  return useInfiniteQuery({
    queryKey: [operationName(EvidenceTimelineQuery), filters],
    queryFn: async ({ pageParam }) => {
      const variables = { ...filters, first: EVIDENCE_PAGE_SIZE, after: pageParam };
      return (await fetchGraphQL(EvidenceTimelineQuery, variables)).evidenceTimeline;
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => (page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null),
  });
}

const IndicatorEvidenceQuery = graphql(`
  query IndicatorEvidence($indicator: Int!, $from: Date, $to: Date, $site: String, $category: ActionCategory) {
    indicatorEvidence(indicator: $indicator, from: $from, to: $to, site: $site, category: $category) {
      count firstAt lastAt
      byKind { kind label items }
      bySource { sourceType label items sources }
    }
  }
`);

export type IndicatorEvidence = ResultOf<typeof IndicatorEvidenceQuery>['indicatorEvidence'];

/** One indicator's evidence under the filters at a glance: how much, since when, of which kinds and sources. */
export function useIndicatorEvidence({ newestFirst: _order, ...filters }: EvidenceFilters) {
  return useQuery({
    ...graphQLQuery(IndicatorEvidenceQuery, filters),
    select: (data) => data.indicatorEvidence,
  });
}

const EvidenceSitesQuery = graphql(`
  query EvidenceSites { evidenceSites }
`);

/** The sites of the organisation's sessions, for the filter by site. */
export function useEvidenceSites() {
  return useQuery({ ...graphQLQuery(EvidenceSitesQuery, {}), select: (data) => data.evidenceSites });
}
