import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { VariablesOf } from 'gql.tada';
import { fetchGraphQL } from '../../data/fetchGraphQL';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const ResultsQuery = graphql(`
  query Results($filter: ResultsFilter) {
    results(filter: $filter) {
      answerCount personalAnswerCount askedCount responseRate lowScoreCount toReviewCount canReadComments
      threshold { ratingAtMost npsAtMost revision isDefault }
      satisfaction { answerCount questions {
        questionnaireId questionId kind purpose answerCount average
          questionnaireTitle { fr en } label { fr en }
          distribution { value count label { fr en } }
          nps { promoters passives detractors score }
      } }
      learningAssessment { answerCount questions {
        questionnaireId questionId kind purpose answerCount average
          questionnaireTitle { fr en } label { fr en }
          distribution { value count label { fr en } }
          nps { promoters passives detractors score }
      } }
      trend { month ratingAnswerCount ratingAverage npsAnswerCount npsScore }
    }
    campaigns { id targetLabel sendOn }
  }
`);

export type ResultsFilter = NonNullable<VariablesOf<typeof ResultsQuery>['filter']>;
export type Results = ResultOf<typeof ResultsQuery>['results'];
export type QuestionResult = Results['satisfaction']['questions'][number];
export type TrendPoint = Results['trend'][number];

/** The figures of a filter, and the campaigns to filter on. */
export function useResults(filter: ResultsFilter) {
  return useQuery(graphQLQuery(ResultsQuery, { filter }));
}

const CommentsQuery = graphql(`
  query ResultComments($filter: ResultsFilter, $after: String) {
    results(filter: $filter) {
      comments(first: 20, after: $after) {
        edges {
          node {
            id answerId questionId purpose text answeredOn lowScore reviewedAt
            followUps { id kind title }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

export type ResultComment = ResultOf<typeof CommentsQuery>['results']['comments']['edges'][number]['node'];

/** Comments, newest first, 20 at a time (only for those who may read them). */
export function useComments(filter: ResultsFilter, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['ResultComments', { filter }] as const,
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchGraphQL(CommentsQuery, { filter, after: pageParam }),
    getNextPageParam: (page) =>
      page.results.comments.pageInfo.hasNextPage ? page.results.comments.pageInfo.endCursor : null,
  });
}
