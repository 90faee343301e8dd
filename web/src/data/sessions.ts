import { useQuery } from '@tanstack/react-query';
import { graphql } from './graphql';
import { graphQLQuery } from './query';

const SessionChoicesQuery = graphql(`
  query SessionChoices {
    trainingActions(first: 50) { edges { node { id title sessions { id title } } } }
  }
`);

/**
 * The sessions a record may be about (a complaint, a difficulty, a partner contact): the latest 50 training
 * actions' sessions, labelled `action — session`.
 */
export function useSessionChoices() {
  return useQuery({
    ...graphQLQuery(SessionChoicesQuery, {}),
    select: (data) =>
      data.trainingActions.edges.flatMap(({ node }) =>
        node.sessions.map((session) => ({ id: session.id, label: `${node.title} — ${session.title}` })),
      ),
  });
}
