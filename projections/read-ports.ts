import type { Db } from '../services/db/database';
import type { ReadPorts } from '../services/read-ports';
import { linkState } from './feedback/queries';
import { organisationPublicProfile } from './organisations/queries';
import { findQuestionnaire } from './questionnaires/queries';
import { subjectEvents } from './subject-access/queries';
import { findSessionContext } from './training/queries';

export const createReadPorts = (db: Db): ReadPorts => ({
  sessionContext: (organisationId, sessionId) => findSessionContext(db, organisationId, sessionId),
  feedbackLinkState: (linkId) => linkState(db, linkId),
  organisationPublicProfile: (organisationId) => organisationPublicProfile(db, organisationId),
  questionnaireSummary: async (organisationId, questionnaireId) => {
    const row = await findQuestionnaire(db, organisationId, questionnaireId);
    return row && { audience: row.audience, version: row.version, archived: row.archived };
  },
  subjectEvents: (organisationId, subjectIds) => subjectEvents(db, organisationId, subjectIds),
});
