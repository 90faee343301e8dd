import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const ResultsPublicationQuery = graphql(`
  query ResultsPublication {
    resultsPublication {
      publicPath embedPath jsonPath revision freshness lastPublishedOn
      snapshots {
        id label periodFrom periodTo scopeKind trainingActionTitle
        trainees respondents responseRate satisfactionAverage satisfiedShare completionRate dropOutRate successRate
        note publishedOn status stale withdrawnAt withdrawalReason
      }
    }
  }
`);

/** The organisation's published results: the public page's paths, every snapshot and the freshness warning. */
export function useResultsPublication() {
  return useQuery({
    ...graphQLQuery(ResultsPublicationQuery, {}),
    select: (data) => data.resultsPublication,
  });
}

export type ResultsSnapshotView = ResultOf<
  typeof ResultsPublicationQuery
>['resultsPublication']['snapshots'][number];
