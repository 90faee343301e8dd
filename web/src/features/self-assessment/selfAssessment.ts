import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const SelfAssessmentQuery = graphql(`
  query SelfAssessment {
    selfAssessment {
      number criterion criterionTitle rating evidenceCount canManage
      approach { version }
    }
  }
`);

/** Every applicable indicator with its self-assessment, by criterion. */
export function useSelfAssessment() {
  return useQuery({ ...graphQLQuery(SelfAssessmentQuery, {}), select: (data) => data.selfAssessment });
}

const SelfAssessmentIndicatorQuery = graphql(`
  query SelfAssessmentIndicator($number: Int!) {
    selfAssessmentIndicator(number: $number) {
      number criterion criterionTitle wording revision rating ratingNote ratedAt canManage
      approach { version text writtenAt writtenByName }
      approachHistory { version text writtenAt writtenByName }
      evidence { kind id title on reference }
      evidenceChoices { kind id title on linked }
    }
  }
`);

/** One indicator's self-assessment, with its history and what can be linked (null when it does not apply). */
export function useSelfAssessmentIndicator(number: number) {
  return useQuery({
    ...graphQLQuery(SelfAssessmentIndicatorQuery, { number }),
    select: (data) => data.selfAssessmentIndicator,
  });
}

export type SelfAssessmentIndicatorView = NonNullable<
  ResultOf<typeof SelfAssessmentIndicatorQuery>['selfAssessmentIndicator']
>;
