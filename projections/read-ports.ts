import type { Db } from '../services/db/database';
import type { ReadPorts } from '../services/read-ports';
import { responseCountOfLink } from './feedback/queries';
import { findOrganisation } from './organisations/queries';
import { findSessionContext } from './training/queries';

export const createReadPorts = (db: Db): ReadPorts => ({
  sessionContext: (organisationId, sessionId) => findSessionContext(db, organisationId, sessionId),
  feedbackLinkResponseCount: (linkId) => responseCountOfLink(db, linkId),
  organisationName: async (organisationId) => (await findOrganisation(db, organisationId))?.name,
});
