import { useQuery } from '@tanstack/react-query';
import { graphql } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const CampaignsQuery = graphql(`
  query Campaigns {
    campaigns {
      id audience targetKind targetLabel sendOn closesOn status respondentCount invitedCount answeredCount
    }
    questionnaires { id audience title { fr en } }
    trainingActions(first: 50) { edges { node { id title sessions { id title startsOn endsOn cancelled } } } }
  }
`);

/** The campaigns, and what a new one is planned from: the questionnaires and the sessions. */
export function useCampaigns() {
  return useQuery(graphQLQuery(CampaignsQuery, {}));
}

const CampaignQuery = graphql(`
  query Campaign($id: ID!) {
    campaign(id: $id) {
      id audience targetLabel sendOn closesOn status revision reminders respondentCount invitedCount answeredCount
      nextSendOn
      respondents { id email firstName lastName messages lastMessageAt answered optedOut }
      answerCount
      sharedLinks { id label open answerCount path }
    }
  }
`);

/** One campaign with the people it asks (null when unknown). */
export function useCampaign(id: string) {
  return useQuery({ ...graphQLQuery(CampaignQuery, { id }), select: (data) => data.campaign });
}
