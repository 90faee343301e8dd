import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const MockAuditsQuery = graphql(`
  query MockAudits {
    mockAudits { id startedOn status completedOn scope majors minors observations }
  }
`);

/** The organisation's mock audits, latest first. */
export function useMockAudits() {
  return useQuery({ ...graphQLQuery(MockAuditsQuery, {}), select: (data) => data.mockAudits });
}

const MockAuditQuery = graphql(`
  query MockAuditDetail($id: ID!) {
    mockAudit(id: $id) {
      id startedOn status completedOn majors minors observations revision
      indicators {
        number criterion title majorOnly
        checkpoints { code label labelEn group ticked }
        findings { id grade text erased withdrawn actionId }
      }
    }
  }
`);

/** One mock audit with its indicators walked (null when unknown). */
export function useMockAudit(id: string) {
  return useQuery({ ...graphQLQuery(MockAuditQuery, { id }), select: (data) => data.mockAudit });
}

export type MockAuditView = NonNullable<ResultOf<typeof MockAuditQuery>['mockAudit']>;
export type WalkedIndicatorView = MockAuditView['indicators'][number];
export type FindingView = WalkedIndicatorView['findings'][number];
