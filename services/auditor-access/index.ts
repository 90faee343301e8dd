import type { WriteSlice } from '../slice';
import { auditorAccessMigration } from './migration';
import { AUDITOR_ORIGIN_KEY_PURPOSE } from './origin';
import { auditorAccessRoutes } from './routes';
import { linkSessionResolver } from './sessions';

/** Auditors' access links: granted and revoked by an admin, opened by the auditor, every use recorded. */
export const auditorAccessSlice: WriteSlice = {
  name: 'auditor-access',
  routes: auditorAccessRoutes,
  migrations: [auditorAccessMigration],
  sessions: (deps) =>
    linkSessionResolver({ ...deps, originKey: deps.vault.derivedKey(AUDITOR_ORIGIN_KEY_PURPOSE) }),
};
