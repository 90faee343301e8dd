import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { fetchGraphQL } from '../../data/fetchGraphQL';
import { graphql, type PartnerGroup, type ResultOf } from '../../data/graphql';
import { graphQLQuery, operationName } from '../../data/query';

const PartnerContactsQuery = graphql(`
  query PartnerContacts(
    $group: PartnerGroup
    $partner: String
    $from: Date
    $to: Date
    $includeRemoved: Boolean
    $after: String
  ) {
    partnerContacts(
      group: $group
      partner: $partner
      from: $from
      to: $to
      includeRemoved: $includeRemoved
      first: 20
      after: $after
    ) {
      edges { node { id group partnerName kind contactOn said removed erased people { name role } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export interface ContactFilter {
  group: PartnerGroup | null;
  partner: string;
  from: string;
  to: string;
  includeRemoved: boolean;
}

/** The organisation's contacts matching the filter, latest first, 20 at a time. */
export function usePartnerContacts(filter: ContactFilter) {
  const variables = {
    group: filter.group,
    partner: filter.partner.trim() || null,
    from: filter.from || null,
    to: filter.to || null,
    includeRemoved: filter.includeRemoved,
  };
  return useInfiniteQuery({
    queryKey: [operationName(PartnerContactsQuery), variables],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchGraphQL(PartnerContactsQuery, { ...variables, after: pageParam }),
    getNextPageParam: (page) =>
      page.partnerContacts.pageInfo.hasNextPage ? page.partnerContacts.pageInfo.endCursor : undefined,
  });
}

const PartnerContactQuery = graphql(`
  query PartnerContact($id: ID!) {
    partnerContact(id: $id) {
      id group partnerName kind contactOn said followUp erased version revision removed removalReason
      people { name role }
      session { sessionId trainingTitle sessionTitle }
      history { revision change reason changedAt }
    }
  }
`);

/** One contact with its history (null when unknown). */
export function usePartnerContact(id: string) {
  return useQuery({ ...graphQLQuery(PartnerContactQuery, { id }), select: (data) => data.partnerContact });
}

export type PartnerContactView = NonNullable<ResultOf<typeof PartnerContactQuery>['partnerContact']>;
