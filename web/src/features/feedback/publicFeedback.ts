import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../api';
import type { Audience } from '../../data/graphql';

/** What the public feedback form shows about the session (`GET /api/public/feedback/:token`, REST). */
interface PublicFeedbackForm {
  organisationName: string;
  trainingTitle: string;
  sessionTitle: string;
  startsOn: string;
  endsOn: string;
  site: string;
  audience: Audience;
}

export const COMMENT_MAX_LENGTH = 2000;

/** The form's facts for a link. Not the organisation's data (no one is signed in), so commands leave it be. */
export function usePublicFeedbackForm(token: string) {
  return useQuery({
    queryKey: ['publicFeedbackForm', token],
    queryFn: () => getJson<PublicFeedbackForm>(`/api/public/feedback/${encodeURIComponent(token)}`),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    meta: { organisationData: false },
  });
}

/** A v4 UUID; `crypto.randomUUID` only exists in secure contexts (not on http://192.168…, e.g. a phone). */
export function newSubmissionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
