import type { WriteSlice } from '../slice';
import { binderJobsMigration } from './jobs';
import { binderRoutes } from './routes';
import { signingMigration } from './signing-migration';

/** Audit binders: export requests and downloads; the runner (runner.ts) writes the archives. */
export const binderSlice: WriteSlice = {
  name: 'binder',
  routes: binderRoutes,
  migrations: [signingMigration, binderJobsMigration],
};
