import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const AuditReadinessQuery = graphql(`
  query AuditReadiness {
    auditReadiness {
      period { from to }
      nextAudit { date daysLeft kind }
      indicators { number status reasons { code fr en } }
      counts { ready atRisk missing }
    }
  }
`);

export type AuditReadiness = ResultOf<typeof AuditReadinessQuery>['auditReadiness'];
export type IndicatorReadiness = AuditReadiness['indicators'][number];
export type ReadinessStatus = IndicatorReadiness['status'];

/** Each applicable indicator ready, at risk or missing since the last audit, and the next audit planned. */
export function useAuditReadiness() {
  return useQuery(graphQLQuery(AuditReadinessQuery, {}));
}
