import type { WriteSlice } from '../slice';
import { organisationMigration } from './migration';
import { organisationRoutes } from './routes';

export const organisationSlice: WriteSlice = {
  name: 'organisation',
  routes: organisationRoutes,
  migrations: [organisationMigration],
};
