import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const EvidenceDocumentsQuery = graphql(`
  query EvidenceDocuments($indicator: Int, $search: String, $includeWithdrawn: Boolean) {
    evidenceDocuments(indicator: $indicator, search: $search, includeWithdrawn: $includeWithdrawn) {
      id title on version indicators fileName size downloadUrl withdrawn
    }
  }
`);

export interface DocumentsFilter {
  indicator: number | null;
  search: string;
  includeWithdrawn: boolean;
}

/** The documents at their current version under a filter, latest changed first. */
export function useEvidenceDocuments(filter: DocumentsFilter) {
  return useQuery({
    ...graphQLQuery(EvidenceDocumentsQuery, {
      indicator: filter.indicator,
      search: filter.search.trim() || null,
      includeWithdrawn: filter.includeWithdrawn ? true : null,
    }),
    select: (data) => data.evidenceDocuments,
  });
}

const EvidenceDocumentQuery = graphql(`
  query EvidenceDocument($id: ID!) {
    evidenceDocument(id: $id) {
      id title on version indicators note fileName size downloadUrl withdrawn withdrawnOn withdrawnReason
      withdrawnByName revision canManage
      versions { version title on indicators note fileName size downloadUrl addedAt addedByName }
    }
  }
`);

/** One document with its versions, newest first (null when unknown). */
export function useEvidenceDocument(id: string) {
  return useQuery({
    ...graphQLQuery(EvidenceDocumentQuery, { id }),
    select: (data) => data.evidenceDocument,
  });
}

export type EvidenceDocumentView = NonNullable<ResultOf<typeof EvidenceDocumentQuery>['evidenceDocument']>;
