import type { Db } from '../services/db/database';
import { createBatchLoader } from '../services/kernel/batch-loader';
import type { ReadPorts } from '../services/read-ports';
import { findRespondent } from './campaigns/queries';
import { linkStates } from './feedback/queries';
import { organisationPublicProfile } from './organisations/queries';
import { findQuestionnaire } from './questionnaires/queries';
import { subjectEvents } from './subject-access/queries';
import { findSessionContext } from './training/queries';

/** The read ports, and how many reads wait for a shared load (load shedding counts them as a backlog). */
export const createReadPorts = (db: Db): ReadPorts & { waiting(): number } => {
  // Every public answer asks: a class answering at once shares its reads.
  const feedbackLinkState = createBatchLoader((linkIds: string[]) => linkStates(db, linkIds));
  return {
    campaignRespondent: async (respondentId) => {
      const row = await findRespondent(db, respondentId);
      return (
        row && {
          campaignId: row.campaign_id,
          organisationId: row.organisation_id,
          removed: row.removed,
          answered: row.answered,
          optedOut: row.opted_out,
        }
      );
    },
    sessionContext: (organisationId, sessionId) => findSessionContext(db, organisationId, sessionId),
    feedbackLinkState,
    organisationPublicProfile: (organisationId) => organisationPublicProfile(db, organisationId),
    questionnaireSummary: async (organisationId, questionnaireId) => {
      const row = await findQuestionnaire(db, organisationId, questionnaireId);
      return row && { audience: row.audience, version: row.version, archived: row.archived };
    },
    subjectEvents: (organisationId, subjectIds) => subjectEvents(db, organisationId, subjectIds),
    waiting: () => feedbackLinkState.waiting(),
  };
};
