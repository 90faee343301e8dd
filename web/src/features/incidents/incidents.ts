import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { fetchGraphQL } from '../../data/fetchGraphQL';
import {
  graphql,
  type IncidentCategory,
  type IncidentKind,
  type IncidentSeverity,
  type IncidentStatus,
  type ResultOf,
} from '../../data/graphql';
import { graphQLQuery, operationName } from '../../data/query';

const IncidentsQuery = graphql(`
  query Incidents($filter: IncidentFilter, $after: String) {
    incidents(filter: $filter, first: 20, after: $after) {
      edges {
        node {
          id kind category severity status occurredOn description detailsHidden erased site measureCount
          session { sessionTitle trainingTitle }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const IncidentCountsQuery = graphql(`
  query IncidentCounts($filter: IncidentFilter) {
    incidentCounts(filter: $filter) { total open resolved majorOpen }
  }
`);

export interface IncidentFilterValues {
  kind: IncidentKind | null;
  category: IncidentCategory | null;
  severity: IncidentSeverity | null;
  status: IncidentStatus | null;
  sessionId: string;
  from: string;
  to: string;
  search: string;
}

const variablesOf = (filter: IncidentFilterValues) => ({
  filter: {
    kind: filter.kind,
    category: filter.category,
    severity: filter.severity,
    status: filter.status,
    sessionId: filter.sessionId || null,
    from: filter.from || null,
    to: filter.to || null,
    search: filter.search.trim() || null,
  },
});

/** The register's export (`csv` or `xlsx`) with the filters on screen. */
export function exportUrl(format: 'csv' | 'xlsx', filter: IncidentFilterValues) {
  const query = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(variablesOf(filter).filter)) {
    if (value !== null) query.set(key, String(value));
  }
  return `/api/incidents/export?${query.toString()}`;
}

/** The organisation's difficulties and disruptions matching the filter, latest first, 20 at a time. */
export function useIncidents(filter: IncidentFilterValues) {
  const variables = variablesOf(filter);
  return useInfiniteQuery({
    queryKey: [operationName(IncidentsQuery), variables],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchGraphQL(IncidentsQuery, { ...variables, after: pageParam }),
    getNextPageParam: (page) =>
      page.incidents.pageInfo.hasNextPage ? page.incidents.pageInfo.endCursor : undefined,
  });
}

/** How many match the filter: in all, open, resolved, major still open. */
export function useIncidentCounts(filter: IncidentFilterValues) {
  return useQuery({
    ...graphQLQuery(IncidentCountsQuery, variablesOf(filter)),
    select: (data) => data.incidentCounts,
  });
}

const IncidentQuery = graphql(`
  query Incident($id: ID!) {
    incident(id: $id) {
      id kind category severity status occurredOn description detailsHidden erased site measureCount
      resolvedOn resolution indicators revision
      session { sessionId trainingTitle sessionTitle }
      measures { revision on text }
      steps { revision step on text }
    }
  }
`);

/** One difficulty or disruption with its measures and steps (null when unknown). */
export function useIncident(id: string) {
  return useQuery({ ...graphQLQuery(IncidentQuery, { id }), select: (data) => data.incident });
}

export type IncidentView = NonNullable<ResultOf<typeof IncidentQuery>['incident']>;
