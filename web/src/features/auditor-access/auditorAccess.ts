import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const AuditorAccessQuery = graphql(`
  query AuditorAccess {
    auditorAccessLinks {
      id auditorName auditorEmail auditId from until status useCount lastUsedAt binderExportIds grantedAt
      uses { id at what binderExportId origin }
    }
    audits { id kind plannedFrom status }
    binderExports(limit: 50) { id from to status requestedAt }
  }
`);

/** The organisation's auditor links with their uses, and the audits and binders a new link may name. */
export function useAuditorAccess() {
  return useQuery(graphQLQuery(AuditorAccessQuery, {}));
}

export type AuditorAccessView = ResultOf<typeof AuditorAccessQuery>;
export type AuditorLinkView = AuditorAccessView['auditorAccessLinks'][number];
export type AuditView = AuditorAccessView['audits'][number];
export type BinderView = AuditorAccessView['binderExports'][number];

/** What opening a link answers: the session's end. */
export interface OpenedLink {
  expiresAt: string;
  position: number;
}

/** What granting a link answers: the link itself, shown this once. */
export interface GrantedLink {
  id: string;
  url: string;
  validFrom: string;
  validUntil: string;
  position: number;
}
