import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const AuditsOverviewQuery = graphql(`
  query AuditsOverview {
    certificationCycle { issuedOn surveillanceWindow { from to } renewalDeadline renewalBookBy }
    audits { id kind certifierName status plannedFrom plannedTo heldFrom heldTo }
    openNonConformities { id auditId indicator grade deadline deadlineState requalifiedOn }
    nonConformityWarnings { code count nextAuditOn }
  }
`);

/** The cycle, the audits, the open non-conformities and their warnings. */
export function useAuditsOverview() {
  return useQuery(graphQLQuery(AuditsOverviewQuery, {}));
}

const AuditQuery = graphql(`
  query AuditDetail($id: ID!) {
    audit(id: $id) {
      id kind certifierName status plannedFrom plannedTo heldFrom heldTo reportReceivedOn reportFileName cancelReason revision
      nonConformities {
        id indicator grade initialGrade finding notifiedOn deadline deadlineState requalifiedOn actionPlan open
        closedOn evidence effective actionRequests revision
      }
    }
  }
`);

/** One audit with its non-conformities (null when unknown). */
export function useAudit(id: string) {
  return useQuery({ ...graphQLQuery(AuditQuery, { id }), select: (data) => data.audit });
}

export type AuditView = NonNullable<ResultOf<typeof AuditQuery>['audit']>;
export type NonConformityView = AuditView['nonConformities'][number];
