import type { Db } from '../services/db/database';
import { createBatchLoader } from '../services/kernel/batch-loader';
import type { ReadPorts } from '../services/read-ports';
import { linkStates } from './feedback/queries';
import { organisationPublicProfile } from './organisations/queries';
import { findSessionContext } from './training/queries';

export const createReadPorts = (db: Db): ReadPorts => ({
  sessionContext: (organisationId, sessionId) => findSessionContext(db, organisationId, sessionId),
  // Every public answer asks: a class answering at once shares its reads.
  feedbackLinkState: createBatchLoader((linkIds: string[]) => linkStates(db, linkIds)),
  organisationPublicProfile: (organisationId) => organisationPublicProfile(db, organisationId),
});
