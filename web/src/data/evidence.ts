import { useInfiniteQuery } from '@tanstack/react-query';
import { graphql } from '../api';
import { queryKeys } from './keys';
import type { Connection } from './relay';

export interface EvidenceItem {
  id: string;
  indicator: number;
  occurredAt: string;
  kind: string;
  title: string;
  summary: string | null;
  sourceType: string;
  sourceId: string;
}

export const EVIDENCE_ITEM_FIELDS = 'id indicator occurredAt kind title summary sourceType sourceId';

const TIMELINE_QUERY = `query EvidenceTimeline($indicator: Int!, $from: Date, $to: Date, $first: Int, $after: String) {
  evidenceTimeline(indicator: $indicator, from: $from, to: $to, first: $first, after: $after) {
    totalCount
    edges { cursor node { ${EVIDENCE_ITEM_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export interface EvidenceFilters {
  indicator: number;
  from: string | null;
  to: string | null;
}

export const EVIDENCE_PAGE_SIZE = 20;

/** Indicators of the referential (33 in the 2026 version, 32 in 2019). */
export const INDICATOR_COUNT = 33;

/** The evidence timeline of one indicator, newest first, 20 items a page (Relay cursors). */
export function useEvidenceTimeline(filters: EvidenceFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.evidenceTimeline(filters),
    queryFn: async ({ pageParam }) => {
      const data = await graphql<{ evidenceTimeline: Connection<EvidenceItem> & { totalCount: number } }>(
        TIMELINE_QUERY,
        { ...filters, first: EVIDENCE_PAGE_SIZE, after: pageParam },
      );
      return data.evidenceTimeline;
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => (page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null),
  });
}
