import { Readable } from 'node:stream';
import { evidenceDocumentsAsOf } from '../../projections/documents/queries';
import type { BinderDocuments } from '../binder/source';
import { type FilesDeps, readFile } from '../files/store';

/**
 * The evidence documents an audit binder carries: the versions current at its log position for its indicators
 * (see evidenceDocumentsAsOf), each opened from the files store when the binder writes it. A file that can no
 * longer be read fails the binder rather than leave it silently incomplete.
 */
export const binderDocuments = (deps: FilesDeps): BinderDocuments =>
  async function* documents(request) {
    const rows = await evidenceDocumentsAsOf(
      deps.db,
      request.organisationId,
      request.indicators,
      request.asOfPosition,
    );
    for (const row of rows) {
      yield {
        documentId: row.document_id,
        version: row.version,
        title: row.title,
        on: row.dated_on,
        indicators: row.indicators,
        fileName: row.file_name,
        mediaType: row.media_type,
        size: row.size,
        sha256: row.sha256,
        async open() {
          const read = await readFile(deps, request.organisationId, row.file_id);
          if (read.status !== 'found') {
            throw new Error(
              `The file of document ${row.document_id} version ${row.version} is ${read.status}`,
            );
          }
          return Readable.from([read.bytes]);
        },
      };
    }
  };
