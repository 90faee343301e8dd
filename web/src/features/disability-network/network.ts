import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const DisabilityNetworkQuery = graphql(`
  query DisabilityNetwork {
    disabilityNetwork {
      revision
      partners { id kind name contacts { name role email phone } }
      referent { memberId memberName name trainings { title on provider } }
      meetings { id partnerName on subject outcome }
      referentCandidates { id displayName }
    }
  }
`);

/** The organisation's network as it stands, with its revision (If-Match) and who may be named referent. */
export function useDisabilityNetwork() {
  return useQuery({ ...graphQLQuery(DisabilityNetworkQuery, {}), select: (data) => data.disabilityNetwork });
}

export type NetworkView = ResultOf<typeof DisabilityNetworkQuery>['disabilityNetwork'];
export type PartnerView = NetworkView['partners'][number];
