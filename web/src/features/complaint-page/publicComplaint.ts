/**
 * The public complaint page's read and send. Plain React state like the other public forms: the page must stay
 * light on a phone.
 */

import type { PublicOrganisation } from '../../components/PublicFrame';
import { usePublicRead } from '../../hooks/usePublicRead';
import { commandFormWithProgress } from '../../uploads';

export const GROUPS = ['learner', 'funder', 'trainer', 'company', 'other'] as const;
export type Group = (typeof GROUPS)[number];

export const TEXT_MAX_LENGTH = 10_000;
/** `GET /api/public/complaints/:address`. */
export interface ComplaintPage {
  organisation: PublicOrganisation;
  acknowledgeWithinWorkingDays: number;
  attachments: { maxFiles: number; maxBytes: number; mediaTypes: string[] };
}

/** What `POST /api/public/complaints/:address` answers. */
export interface ComplaintReceipt {
  id: string;
  reference: string | null;
  receivedOn: string;
  acknowledgeWithinWorkingDays: number;
}

export interface ComplaintDraft {
  submissionId: string;
  group: Group | '';
  anonymous: boolean;
  name: string;
  email: string;
  phone: string;
  about: string;
  text: string;
  files: File[];
}

const pagePath = (address: string) => `/api/public/complaints/${encodeURIComponent(address)}`;

/** The page an address names; `retry` reads it again. */
export const useComplaintPage = (address: string) => usePublicRead<ComplaintPage>(pagePath(address));

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The complaint as one multipart form: its fields as JSON in `complaint`, its files as `attachments`. */
export function complaintForm(draft: ComplaintDraft): FormData {
  const form = new FormData();
  const named = !draft.anonymous;
  form.append(
    'complaint',
    JSON.stringify({
      submissionId: draft.submissionId,
      group: draft.group,
      anonymous: draft.anonymous,
      name: named ? orNull(draft.name) : null,
      email: named ? orNull(draft.email) : null,
      phone: named ? orNull(draft.phone) : null,
      about: orNull(draft.about),
      text: draft.text.trim(),
    }),
  );
  for (const file of draft.files) form.append('attachments', file, file.name);
  return form;
}

/** Sends the complaint, reporting the share uploaded (0 to 1). */
export const sendComplaint = (address: string, draft: ComplaintDraft, onProgress: (sent: number) => void) =>
  commandFormWithProgress<ComplaintReceipt>(pagePath(address), complaintForm(draft), { onProgress });

/** A size in megabytes or kilobytes, as the limits and refusals say it. */
