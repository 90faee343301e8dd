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
