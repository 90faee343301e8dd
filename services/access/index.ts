import type { WriteSlice } from '../slice';
import { accessMigration, accessTeamMigration } from './migration';
import { accessRoutes } from './routes';

export const accessSlice: WriteSlice = {
  name: 'access',
  routes: accessRoutes,
  migrations: [accessMigration, accessTeamMigration],
};
