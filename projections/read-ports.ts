import type { Db } from '../services/db/database';
import type { ReadPorts } from '../services/read-ports';
import { responseCountOfLink } from './feedback/queries';
import { organisationPublicProfile } from './organisations/queries';
import { findSessionContext } from './training/queries';

export const createReadPorts = (db: Db): ReadPorts => ({
  sessionContext: (organisationId, sessionId) => findSessionContext(db, organisationId, sessionId),
  feedbackLinkResponseCount: (linkId) => responseCountOfLink(db, linkId),
  organisationPublicProfile: (organisationId) => organisationPublicProfile(db, organisationId),
});
