import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';
import { EvidenceItemFields } from '../evidence';

const DashboardQuery = graphql(
  `
  query Dashboard {
    dashboard { trainingActionCount sessionCount feedbackCount averageRating }
    evidenceTimeline(indicator: 30, first: 5, newestFirst: true) {
      totalCount
      edges { node { id ...EvidenceItemFields } }
    }
    evidenceSummary { indicator count lastAt }
    resultsPublication { freshness lastPublishedOn }
  }
`,
  [EvidenceItemFields],
);

export type IndicatorEvidenceCount = ResultOf<typeof DashboardQuery>['evidenceSummary'][number];

/**
 * Key figures, the latest evidence for indicator 30, the evidence count of each indicator and whether published
 * results are missing or out of date.
 */
export function useDashboard() {
  return useQuery(graphQLQuery(DashboardQuery, {}));
}
