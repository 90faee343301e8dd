import { useQuery } from '@tanstack/react-query';
import { graphql } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';
import { SessionFeedbackFields } from '../feedback';

const TrainingActionsQuery = graphql(`
  query TrainingActions($first: Int, $includeArchived: Boolean) {
    trainingActions(first: $first, includeArchived: $includeArchived) {
      edges { node { id title category certifying archived createdAt sessions { id } } }
    }
  }
`);

/** The organisation's 50 newest training actions; archived ones too when asked. */
export function useTrainingActions(includeArchived = false) {
  return useQuery({
    ...graphQLQuery(TrainingActionsQuery, { first: 50, includeArchived }),
    select: (data) => data.trainingActions.edges.map((edge) => edge.node),
  });
}

/** One change in a history: what it set, who, when and why. */
export const TrainingChangeFields = graphql(`
  fragment TrainingChangeFields on TrainingChange {
    id kind at actorName reason title category certifying startsOn endsOn site
  }
`);

/** What a session's panel shows, its feedback (links and answers) included. */
export const TrainingSessionFields = graphql(
  `
  fragment TrainingSessionFields on TrainingSession {
    id title startsOn endsOn site cancelled archived feedbackCount averageRating
    ...SessionFeedbackFields
  }
`,
  [SessionFeedbackFields],
);

const TrainingActionQuery = graphql(
  `
  query TrainingAction($id: ID!, $includeArchivedSessions: Boolean) {
    trainingAction(id: $id) {
      id title category certifying archived revision
      sessions(includeArchived: $includeArchivedSessions) { id ...TrainingSessionFields }
      history { ...TrainingChangeFields }
    }
  }
`,
  [TrainingSessionFields, TrainingChangeFields],
);

/** One training action with its sessions (archived ones too when asked) and history (null when unknown). */
export function useTrainingAction(id: string, includeArchivedSessions = false) {
  return useQuery({
    ...graphQLQuery(TrainingActionQuery, { id, includeArchivedSessions }),
    select: (data) => data.trainingAction,
  });
}

const TrainingSessionQuery = graphql(
  `
  query TrainingSession($id: ID!) {
    trainingSession(id: $id) {
      id title startsOn endsOn site cancelled archived
      trainingAction { id title archived revision }
      history { ...TrainingChangeFields }
    }
  }
`,
  [TrainingChangeFields],
);

/** One session with its action's revision (for If-Match) and its history (null when unknown). */
export function useTrainingSession(id: string) {
  return useQuery({ ...graphQLQuery(TrainingSessionQuery, { id }), select: (data) => data.trainingSession });
}
