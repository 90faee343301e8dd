/**
 * The public form's read and write. Plain React state rather than TanStack Query: the form is a page of its own
 * (`publicForm.tsx`) that a phone must load light, TanStack Query would be a tenth of its weight, and the form
 * makes one read and one write. The read retries by the app's rule (`retryPolicy.ts`); the write is tried again
 * by `useRetryOnce`.
 */
import { useState } from 'react';
import { command, isApiError } from '../../api';
import type { PublicOrganisation } from '../../components/PublicFrame';
import type { Audience } from '../../data/graphql';
import { usePublicRead } from '../../hooks/usePublicRead';

/** What the public feedback form shows about the session (`GET /api/public/feedback/:token`, REST). */
export interface PublicFeedbackForm {
  organisationName: string;
  trainingTitle: string;
  sessionTitle: string;
  startsOn: string;
  endsOn: string;
  site: string;
  audience: Audience;
  organisation: PublicOrganisation;
}

/** The organisation a refusal names (a closed or expired link still says whose it is), if it does. */
export function organisationOfError(error: unknown): PublicOrganisation | null {
  const organisation = isApiError(error) ? error.details?.organisation : undefined;
  if (typeof organisation !== 'object' || organisation === null) return null;
  const { name, privacyNotice } = organisation as Partial<PublicOrganisation>;
  return typeof name === 'string' && typeof privacyNotice === 'object' && privacyNotice !== null
    ? (organisation as PublicOrganisation)
    : null;
}

/** An answer to the form (`POST /api/public/feedback/:token`). */
export interface FeedbackSubmission {
  submissionId: string;
  rating: number;
  comment: string;
}

export const COMMENT_MAX_LENGTH = 2000;

const formPath = (token: string) => `/api/public/feedback/${encodeURIComponent(token)}`;

/** The form's facts for a link (the page's token, fixed for its life); `retry` reads them again. */
export const usePublicFeedbackForm = (token: string) => usePublicRead<PublicFeedbackForm>(formPath(token));

/** Sends an answer: `pending` while it travels, `sent` once recorded; a failure goes to `onError`. */
export function useSendFeedback(token: string, onError: (error: unknown) => void) {
  const [state, setState] = useState<'idle' | 'pending' | 'sent'>('idle');
  const send = (answer: FeedbackSubmission) => {
    setState('pending');
    command(formPath(token), answer).then(
      () => setState('sent'),
      (error: unknown) => {
        setState('idle');
        onError(error);
      },
    );
  };
  return { pending: state === 'pending', sent: state === 'sent', send };
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
