import type { WriteSlice } from '../slice';
import { eraseAccessSubject, exportAccessSubject } from './accounts';
import { accessMigration, accessTeamMigration } from './migration';
import { accessRoutes } from './routes';

export const accessSlice: WriteSlice = {
  name: 'access',
  routes: accessRoutes,
  migrations: [accessMigration, accessTeamMigration],
  eraseOutsideLog: eraseAccessSubject,
  exportOutsideLog: exportAccessSubject,
};
