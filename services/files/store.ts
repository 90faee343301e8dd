import type { Db } from '../db/database';
import { conflict } from '../kernel/errors';
import { newId } from '../kernel/ids';
import type { Vault } from '../privacy/vault';
import {
  type CheckedFile,
  checkFiles,
  DEFAULT_FILE_LIMITS,
  type FileLimits,
  type IncomingFile,
} from './check';
import type { FileMediaType } from './sniff';
import type { FilesTables } from './tables';

export interface FilesDeps {
  db: Db;
  vault: Pick<Vault, 'sealOutsideLog' | 'openOutsideLog'>;
}

/** What is known of a stored file without its bytes. */
export interface FileMetadata {
  fileId: string;
  mediaType: FileMediaType;
  size: number;
  sha256: string;
  name: string;
}

export type ReadFileResult =
  | { status: 'found'; file: FileMetadata; bytes: Buffer }
  /** The file was personal and its subject erased: its name and bytes can no longer be read. */
  | { status: 'erased'; fileId: string }
  | { status: 'not_found' };

export interface PutFilesInput {
  organisationId: string;
  files: readonly IncomingFile[];
  /** The data subject the files are about (`<kind>:<id>`): name and bytes are sealed with their key. */
  subject?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const files = (db: Db) => db.withTables<FilesTables>();

const bytesPlace = (fileId: string) => `file:${fileId}:bytes`;
const namePlace = (fileId: string) => `file:${fileId}:name`;

const sealFor = async (
  deps: FilesDeps,
  executor: Db,
  subject: string,
  organisationId: string,
  place: string,
  bytes: Buffer,
) => {
  const sealed = await deps.vault.sealOutsideLog(subject, organisationId, place, bytes, executor);
  if (!sealed)
    throw conflict('subject_erased', 'The personal data of this person were erased: no file is kept');
  return sealed;
};

/**
 * Stores files already checked (checkFiles), all in one transaction: either every file is stored or none. A
 * personal file's key is read in that transaction and its row held until the files are written, so no file lands
 * under the key of a person erased meanwhile, by this process or another.
 */
export const storeCheckedFiles = async (
  deps: FilesDeps,
  target: { organisationId: string; subject?: string },
  checked: readonly CheckedFile[],
): Promise<FileMetadata[]> => {
  if (checked.length === 0) return [];
  const { organisationId, subject } = target;
  const write = async (executor: Db) => {
    const rows = [];
    for (const file of checked) {
      const id = newId();
      const name = subject
        ? (
            await sealFor(
              deps,
              executor,
              subject,
              organisationId,
              namePlace(id),
              Buffer.from(file.name, 'utf8'),
            )
          ).toString('base64')
        : file.name;
      const bytes = subject
        ? await sealFor(deps, executor, subject, organisationId, bytesPlace(id), file.bytes)
        : file.bytes;
      rows.push({
        id,
        organisation_id: organisationId,
        media_type: file.mediaType,
        size: file.bytes.length,
        sha256: file.sha256,
        subject_id: subject ?? null,
        name,
        bytes,
        erased_at: null,
      });
    }
    await files(executor).insertInto('files').values(rows).execute();
    return rows;
  };
  const rows = subject ? await deps.db.transaction().execute(write) : await write(deps.db);
  return rows.map((row, index) => ({
    fileId: row.id,
    mediaType: row.media_type,
    size: row.size,
    sha256: checked[index]!.sha256,
    name: checked[index]!.name,
  }));
};

/** Checks every file by content, then stores them all (or, on any refusal, none). */
export const putFiles = async (
  deps: FilesDeps,
  input: PutFilesInput,
  limits: FileLimits = DEFAULT_FILE_LIMITS,
): Promise<FileMetadata[]> => storeCheckedFiles(deps, input, checkFiles(input.files, limits));

/** Checks one file by content and stores it, sealed under `subject` when it is personal. */
export const putFile = async (
  deps: FilesDeps,
  input: { organisationId: string; bytes: Buffer; declaredName?: string; subject?: string },
  limits: FileLimits = DEFAULT_FILE_LIMITS,
): Promise<FileMetadata> => {
  const [stored] = await putFiles(
    deps,
    {
      organisationId: input.organisationId,
      subject: input.subject,
      files: [{ bytes: input.bytes, declaredName: input.declaredName }],
    },
    limits,
  );
  return stored!;
};

/**
 * A file of the organisation with its bytes; another organisation's file is not found, and so is a file of another
 * subject when `subject` is given (a complaint's download serves that complaint's files only).
 */
export const readFile = async (
  deps: FilesDeps,
  organisationId: string,
  fileId: string,
  subject?: string,
): Promise<ReadFileResult> => {
  if (!UUID.test(fileId) || !UUID.test(organisationId)) return { status: 'not_found' };
  let query = files(deps.db)
    .selectFrom('files')
    .selectAll()
    .where('id', '=', fileId)
    .where('organisation_id', '=', organisationId);
  if (subject !== undefined) query = query.where('subject_id', '=', subject);
  const row = await query.executeTakeFirst();
  if (!row) return { status: 'not_found' };
  if (row.erased_at || row.sha256 === null || row.name === null) return { status: 'erased', fileId };
  let name = row.name;
  let bytes: Buffer = Buffer.from(row.bytes);
  if (row.subject_id) {
    const [openedName, openedBytes] = await Promise.all([
      deps.vault.openOutsideLog(deps.db, row.subject_id, namePlace(row.id), Buffer.from(row.name, 'base64')),
      deps.vault.openOutsideLog(deps.db, row.subject_id, bytesPlace(row.id), bytes),
    ]);
    if (openedName === 'erased' || openedBytes === 'erased') return { status: 'erased', fileId };
    name = openedName.toString('utf8');
    bytes = openedBytes;
  }
  return {
    status: 'found',
    file: { fileId: row.id, mediaType: row.media_type, size: row.size, sha256: row.sha256, name },
    bytes,
  };
};

/**
 * Removes files stored for a write that did not happen (the event that would have named them was refused or lost
 * a race): without it they would be kept, unreachable, with their sender's data.
 */
export const discardFiles = async (db: Db, organisationId: string, fileIds: readonly string[]) => {
  if (fileIds.length === 0) return;
  await files(db)
    .deleteFrom('files')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', [...fileIds])
    .execute();
};

/**
 * Scrubs an erased subject's files: their key is gone already, this drops the sealed bytes and the clear hash
 * too, keeping the row so that reads answer "erased" rather than "not found".
 */
export const eraseFilesOf = async (db: Db, subjectId: string): Promise<void> => {
  await files(db)
    .updateTable('files')
    .set((eb) => ({
      name: null,
      sha256: null,
      bytes: new Uint8Array(0),
      erased_at: eb.fn.coalesce('erased_at', eb.val(new Date())),
    }))
    .where('subject_id', '=', subjectId)
    .execute();
};
