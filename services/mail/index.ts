import type { WriteSlice } from '../slice';
import { mailMigration } from './migration';
import { eraseMailSubject, exportMailSubject } from './outbox';

/** Outgoing mail has no command of its own: slices queue messages through `SliceDeps.mail`. */
export const mailSlice: WriteSlice = {
  name: 'mail',
  routes: () => async () => {},
  migrations: [mailMigration],
  eraseOutsideLog: eraseMailSubject,
  exportOutsideLog: exportMailSubject,
};
