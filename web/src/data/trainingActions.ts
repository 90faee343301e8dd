import { useQuery } from '@tanstack/react-query';
import { graphql } from '../api';
import { queryKeys } from './keys';
import type { Connection } from './relay';

export const ACTION_CATEGORIES = ['training', 'skills_assessment', 'vae', 'apprenticeship'] as const;
export type ActionCategory = (typeof ACTION_CATEGORIES)[number];

export interface TrainingActionSummary {
  id: string;
  title: string;
  category: string;
  certifying: boolean;
  createdAt: string;
  sessions: { id: string }[];
}

export interface FeedbackLink {
  id: string;
  audience: string;
  createdAt: string;
  expiresAt: string;
  status: string;
}

export interface FeedbackResponse {
  id: string;
  rating: number;
  comment: string | null;
  submittedAt: string;
}

export interface TrainingSession {
  id: string;
  title: string;
  startsOn: string;
  endsOn: string;
  site: string;
  feedbackCount: number;
  averageRating: number | null;
  feedbackLinks: FeedbackLink[];
  responses: FeedbackResponse[];
}

export interface TrainingAction extends Omit<TrainingActionSummary, 'sessions'> {
  sessions: TrainingSession[];
}

const LIST_QUERY = `query TrainingActions($first: Int, $after: String) {
  trainingActions(first: $first, after: $after) {
    edges { cursor node { id title category certifying createdAt sessions { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const DETAIL_QUERY = `query TrainingAction($id: ID!) {
  trainingAction(id: $id) {
    id title category certifying createdAt
    sessions {
      id title startsOn endsOn site feedbackCount averageRating
      feedbackLinks { id audience createdAt expiresAt status }
      responses { id rating comment submittedAt }
    }
  }
}`;

/** The first 50 training actions of the organisation. */
export function useTrainingActions() {
  return useQuery({
    queryKey: queryKeys.trainingActionList,
    queryFn: async () => {
      const data = await graphql<{ trainingActions: Connection<TrainingActionSummary> }>(LIST_QUERY, {
        first: 50,
      });
      return data.trainingActions;
    },
  });
}

/** One training action with its sessions, their feedback links and responses (null when unknown). */
export function useTrainingAction(id: string) {
  return useQuery({
    queryKey: queryKeys.trainingAction(id),
    queryFn: async () =>
      (await graphql<{ trainingAction: TrainingAction | null }>(DETAIL_QUERY, { id })).trainingAction,
  });
}

export interface CreatedResource {
  id: string;
  revision: number;
  position: number | string;
}

export interface OpenedFeedbackLink {
  id: string;
  token: string;
  url: string;
  expiresAt: string;
  position: number | string;
}
