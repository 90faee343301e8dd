import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchGraphQL } from '../../data/fetchGraphQL';
import { graphql } from '../../data/graphql';
import { operationName } from '../../data/query';

/** What an item of a timeline shows (the dashboard's latest evidence too). */
export const EvidenceItemFields = graphql(`
  fragment EvidenceItemFields on EvidenceItem { id occurredAt kind title summary }
`);

const EvidenceTimelineQuery = graphql(
  `
  query EvidenceTimeline(
    $indicator: Int!, $from: Date, $to: Date, $newestFirst: Boolean, $first: Int, $after: String
  ) {
    evidenceTimeline(
      indicator: $indicator, from: $from, to: $to, newestFirst: $newestFirst, first: $first, after: $after
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
