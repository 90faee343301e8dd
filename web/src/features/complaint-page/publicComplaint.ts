/**
 * The public complaint page's read and send. Plain React state like the other public forms: the page must stay
 * light on a phone.
 */
import { ApiError, errorFrom, readJson } from '../../api';
import type { PublicOrganisation } from '../../components/PublicFrame';
import { usePublicRead } from '../../hooks/usePublicRead';

export const GROUPS = ['learner', 'funder', 'trainer', 'company', 'other'] as const;
export type Group = (typeof GROUPS)[number];

export const TEXT_MAX_LENGTH = 10_000;
/** What the file input offers to choose; the server checks each file by its content whatever its name. */
export const ACCEPT = [
  '.pdf,.png,.jpg,.jpeg,.webp,.txt,.docx,.odt,.xlsx,.ods',
  'application/pdf,image/png,image/jpeg,image/webp,text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet',
].join(',');

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

/**
 * POSTs a `multipart/form-data` form (text and files in one request) and reports the share sent, 0 to 1: fetch
 * cannot tell an upload's progress, XMLHttpRequest can. Errors are the same `ApiError`s as `command`'s.
 */
function sendForm<Answer>(path: string, form: FormData, onProgress: (sent: number) => void): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('Accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError(0, 'network_error', 'Network error'));
    request.onload = async () => {
      const headers = new Headers();
      const retryAfter = request.getResponseHeader('retry-after');
      if (retryAfter) headers.set('retry-after', retryAfter);
      const response = new Response(request.responseText || null, { status: request.status, headers });
      const data = await readJson(response);
      if (request.status >= 200 && request.status < 300) resolve(data as Answer);
      else reject(errorFrom(response, data));
    };
    request.send(form);
  });
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
  sendForm<ComplaintReceipt>(pagePath(address), complaintForm(draft), onProgress);

/** A size in megabytes or kilobytes, as the limits and refusals say it. */
