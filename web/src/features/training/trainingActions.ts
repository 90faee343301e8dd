import { useQuery } from '@tanstack/react-query';
import { graphql } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';
import { SessionFeedbackFields } from '../feedback';

const TrainingActionsQuery = graphql(`
  query TrainingActions($first: Int) {
    trainingActions(first: $first) {
      edges { node { id title category certifying createdAt sessions { id } } }
    }
  }
`);

/** The organisation's 50 newest training actions. */
export function useTrainingActions() {
  return useQuery({
    ...graphQLQuery(TrainingActionsQuery, { first: 50 }),
    select: (data) => data.trainingActions.edges.map((edge) => edge.node),
  });
}

/** What a session's panel shows, its feedback (links and answers) included. */
export const TrainingSessionFields = graphql(
  `
  fragment TrainingSessionFields on TrainingSession {
    id title startsOn endsOn site feedbackCount averageRating
    ...SessionFeedbackFields
  }
`,
  [SessionFeedbackFields],
);

const TrainingActionQuery = graphql(
  `
  query TrainingAction($id: ID!) {
    trainingAction(id: $id) {
      id title category certifying
      sessions { id ...TrainingSessionFields }
    }
  }
`,
  [TrainingSessionFields],
);

/** One training action with its sessions (null when unknown). */
export function useTrainingAction(id: string) {
  return useQuery({ ...graphQLQuery(TrainingActionQuery, { id }), select: (data) => data.trainingAction });
}
