import type { WriteSlice } from '../slice';
import { filesMigration } from './migration';
import { eraseFilesOf } from './store';

/**
 * The files port: no routes of its own (slices receive and serve files with upload.ts and download.ts), only its
 * table and the erasure of a subject's files.
 */
export const filesSlice: WriteSlice = {
  name: 'files',
  routes: () => async () => {},
  migrations: [filesMigration],
  eraseOutsideLog: eraseFilesOf,
};
