import { ApiError, answerOf, type CommandOptions, commandHeaders } from './api';

/**
 * What a file input offers to choose: the types the server stores. The server checks each file by its content
 * whatever its name or declared type (services/files/sniff.ts).
 */
export const ACCEPTED_FILES = [
  '.pdf,.png,.jpg,.jpeg,.webp,.txt,.docx,.odt,.xlsx,.ods',
  'application/pdf,image/png,image/jpeg,image/webp,text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet',
].join(',');

/**
 * POSTs a multipart form (files) as a command and reports the share sent, 0 to 1. Apart from api.ts so that the
 * public feedback form, which sends no file, does not carry it.
 */
export async function commandFormWithProgress<Answer = { position?: number }>(
  path: string,
  form: FormData,
  options: CommandOptions & { onProgress: (sent: number) => void },
): Promise<Answer> {
  const headers = commandHeaders({ Accept: 'application/json' }, options);
  return answerOf(await sendWithProgress(path, headers, form, options.onProgress));
}

/**
 * A POST that reports the share of its body sent: fetch cannot tell an upload's progress, XMLHttpRequest can. Its
 * answer is a `Response` like `send`'s (no network is the same `network_error`).
 */
function sendWithProgress(
  path: string,
  headers: Record<string, string>,
  body: XMLHttpRequestBodyInit,
  onProgress: (sent: number) => void,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError(0, 'network_error', 'Network error'));
    request.onload = () => {
      const answerHeaders = new Headers();
      const retryAfter = request.getResponseHeader('retry-after');
      if (retryAfter) answerHeaders.set('retry-after', retryAfter);
      // A Response may not carry a body with these statuses.
      const empty = [204, 205, 304].includes(request.status);
      resolve(
        new Response(empty ? null : request.responseText || null, {
          status: request.status,
          headers: answerHeaders,
        }),
      );
    };
    request.send(body);
  });
}
