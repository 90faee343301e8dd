import { queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getJson } from '../../api';
import { fetchGraphQL } from '../../data/fetchGraphQL';
import { graphql } from '../../data/graphql';
import { graphQLQuery, operationName } from '../../data/query';

const TeamQuery = graphql(`
  query Team {
    team {
      members { id email displayName role active lastSignInAt }
      invitations { id email role sentAt expiresAt expired }
    }
  }
`);

/** The organisation's members and pending invitations (administrators only). */
export function useTeam() {
  return useQuery({ ...graphQLQuery(TeamQuery, {}), select: (data) => data.team });
}

const SecurityLogQuery = graphql(`
  query SecurityLog($after: String) {
    securityLog(first: 50, after: $after) {
      edges { node { id type occurredAt userName actorName role previousRole failures sessions } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

/** The security log, 50 events a page, newest first. */
export function useSecurityLog() {
  return useInfiniteQuery({
    queryKey: [operationName(SecurityLogQuery)],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchGraphQL(SecurityLogQuery, { after: pageParam }),
    getNextPageParam: (page) =>
      page.securityLog.pageInfo.hasNextPage ? page.securityLog.pageInfo.endCursor : undefined,
  });
}

/** `GET /api/account/sessions` (REST: sessions live beside the log, not in a read model). */
export interface AccountSession {
  id: string | null;
  userAgent: string | null;
  startedAt: string;
  lastSeenAt: string;
  current: boolean;
}

export const sessionsQuery = queryOptions({
  queryKey: ['accountSessions'],
  queryFn: () => getJson<{ sessions: AccountSession[] }>('/api/account/sessions'),
});

export function useSessions() {
  return useQuery({ ...sessionsQuery, select: (data) => data.sessions });
}
