import { useQuery } from '@tanstack/react-query';
import { errorFrom, jsonHeaders, readJson, send } from '../../api';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const SubjectsQuery = graphql(`
  query PersonalDataSubjects($email: String!) {
    personalDataSubjects(email: $email) {
      id kind erased first last
      events { type count first last }
    }
  }
`);

const RequestsQuery = graphql(`
  query PrivacyRequests($first: Int) {
    privacyRequests(first: $first) {
      edges { node { id kind occurredAt actorName subjectIds reason format } }
    }
  }
`);

export type PersonalDataSubject = ResultOf<typeof SubjectsQuery>['personalDataSubjects'][number];
export type SubjectKind = PersonalDataSubject['kind'];
export type PrivacyRequest = ResultOf<typeof RequestsQuery>['privacyRequests']['edges'][number]['node'];
export type ErasureReason = NonNullable<PrivacyRequest['reason']>;
export type ExportFormat = NonNullable<PrivacyRequest['format']>;

/** The organisation's subjects with this address (administrators only); nothing is asked before a search. */
export function usePersonalDataSubjects(email: string | null) {
  return useQuery({
    ...graphQLQuery(SubjectsQuery, { email: email ?? '' }),
    enabled: email !== null,
  });
}

/** The organisation's 50 latest exports and erasures. */
export function usePrivacyRequests() {
  return useQuery({
    ...graphQLQuery(RequestsQuery, { first: 50 }),
    select: (data) => data.privacyRequests.edges.map((edge) => edge.node),
  });
}

/**
 * Downloads the export of these subjects: a POST (the subjects stay out of URLs and logs), its answer saved
 * under the name the server gives.
 */
export async function downloadExport(subjectIds: readonly string[], format: ExportFormat): Promise<void> {
  const response = await send('/api/privacy/exports', {
    method: 'POST',
    headers: jsonHeaders,
    body: JSON.stringify({ subjectIds, format }),
  });
  if (!response.ok) throw errorFrom(response, await readJson(response));
  const blob = await response.blob();
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
    `donnees-personnelles.${format}`;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
