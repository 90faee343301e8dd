import type { Db } from '../services/db/database';
import { createBatchLoader } from '../services/kernel/batch-loader';
import type { ReadPorts } from '../services/read-ports';
import { campaignsForAnswer, respondentsForAnswer, sharedLinksForAnswer } from './campaigns/queries';
import { complaintPageByAddressHash, complaintSettings, findComplaint } from './complaints/queries';
import { linkStates } from './feedback/queries';
import { organisationPublicProfile } from './organisations/queries';
import { resultsPageByPublicId, snapshotOf, snapshotsOf, statusOf } from './publication/queries';
import { findQuestionnaire, findQuestionnaireVersion } from './questionnaires/queries';
import { answerExists } from './results/queries';
import { subjectEvents } from './subject-access/queries';
import { membersAmong } from './team/queries';
import { findSessionContext, findTrainingAction } from './training/queries';

/** The read ports, and how many reads wait for a shared load (load shedding counts them as a backlog). */
export const createReadPorts = (db: Db): ReadPorts & { waiting(): number } => {
  // Every public answer asks: a class answering at once shares its reads.
  const feedbackLinkState = createBatchLoader((linkIds: string[]) => linkStates(db, linkIds));
  // A room answering a shared link at once shares these reads too.
  const campaigns = createBatchLoader((ids: string[]) => campaignsForAnswer(db, ids));
  const respondents = createBatchLoader((ids: string[]) => respondentsForAnswer(db, ids));
  const sharedLinks = createBatchLoader((ids: string[]) => sharedLinksForAnswer(db, ids));
  return {
    sessionContext: (organisationId, sessionId) => findSessionContext(db, organisationId, sessionId),
    feedbackLinkState,
    organisationPublicProfile: (organisationId) => organisationPublicProfile(db, organisationId),
    questionnaireSummary: async (organisationId, questionnaireId) => {
      const row = await findQuestionnaire(db, organisationId, questionnaireId);
      return row && { audience: row.audience, version: row.version, archived: row.archived };
    },
    subjectEvents: (organisationId, subjectIds) => subjectEvents(db, organisationId, subjectIds),
    campaignForAnswer: async (campaignId) => {
      const row = await campaigns(campaignId);
      return (
        row && {
          organisationId: row.organisation_id,
          status: row.status,
          sendOn: row.send_on,
          closesOn: row.closes_on,
          anonymous: row.anonymous,
          audience: row.audience,
          questionnaireId: row.questionnaire_id,
          questionnaireVersion: row.questionnaire_version,
          sessionId: row.session_id,
          trainingActionId: row.training_action_id,
          targetLabel: row.target_label,
        }
      );
    },
    campaignRespondent: async (respondentId) => {
      const row = await respondents(respondentId);
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
    campaignSharedLink: async (linkId) => {
      const row = await sharedLinks(linkId);
      return (
        row && {
          campaignId: row.campaign_id,
          organisationId: row.organisation_id,
          open: row.open,
          answers: row.answers,
        }
      );
    },
    questionnaireVersion: async (organisationId, questionnaireId, version) =>
      (await findQuestionnaireVersion(db, organisationId, questionnaireId, version))?.content,
    waiting: () =>
      feedbackLinkState.waiting() + campaigns.waiting() + respondents.waiting() + sharedLinks.waiting(),
    trainingActionTitle: async (organisationId, trainingActionId) =>
      (await findTrainingAction(db, organisationId, trainingActionId))?.title,
    publicResults: async (publicId) => {
      const page = await resultsPageByPublicId(db, publicId);
      if (!page) return undefined;
      const rows = await snapshotsOf(db, page.organisation_id);
      const statuses = statusOf(rows);
      return {
        organisationId: page.organisation_id,
        snapshots: rows
          .filter((row) => statuses.get(row.id) !== 'withdrawn')
          .map((row) => ({ ...snapshotOf(row), current: statuses.get(row.id) === 'current' })),
      };
    },
    answerExists: (organisationId, answerId) => answerExists(db, organisationId, answerId),
    membersAmong: (organisationId, userIds) => membersAmong(db, organisationId, userIds),
    activeStaffAmong: (organisationId, userIds) =>
      membersAmong(db, organisationId, userIds, { activeStaff: true }),
    complaintPage: async (addressHash) => {
      const row = await complaintPageByAddressHash(db, addressHash);
      if (!row) return undefined;
      const settings = await complaintSettings(db, row.organisation_id);
      return {
        organisationId: row.organisation_id,
        replaced: row.replaced,
        acknowledgeWithinWorkingDays: settings.acknowledgeWithinWorkingDays,
      };
    },
    complaintReference: async (organisationId, complaintId) =>
      (await findComplaint(db, organisationId, complaintId))?.reference,
  };
};
