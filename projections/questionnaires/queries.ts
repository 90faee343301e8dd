import type { Db } from '../../services/db/database';
import type { Audience } from '../../services/feedback/events';
import type { QuestionnaireTables } from './tables';

const tables = (db: Db) => db.withTables<QuestionnaireTables>();

/** An organisation's questionnaires, offered ones first, then by group and title. */
export const questionnairesOf = (
  db: Db,
  organisationId: string,
  filter: { audience?: Audience | null; includeArchived?: boolean } = {},
) => {
  let query = tables(db)
    .selectFrom('questionnaires')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('archived')
    .orderBy('audience')
    .orderBy('title_fr')
    .orderBy('id')
    .limit(500);
  if (filter.audience) query = query.where('audience', '=', filter.audience);
  if (!filter.includeArchived) query = query.where('archived', '=', false);
  return query.execute();
};

/** One questionnaire of the organisation, or undefined (another organisation's is unknown here). */
export const findQuestionnaire = (db: Db, organisationId: string, questionnaireId: string) =>
  tables(db)
    .selectFrom('questionnaires')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', questionnaireId)
    .executeTakeFirst();

/** A questionnaire's versions, newest first. */
export const versionsOfQuestionnaire = (db: Db, organisationId: string, questionnaireId: string) =>
  tables(db)
    .selectFrom('questionnaire_versions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('questionnaire_id', '=', questionnaireId)
    .orderBy('version', 'desc')
    .execute();

/** One version, or undefined. */
export const findQuestionnaireVersion = (
  db: Db,
  organisationId: string,
  questionnaireId: string,
  version: number,
) =>
  tables(db)
    .selectFrom('questionnaire_versions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('questionnaire_id', '=', questionnaireId)
    .where('version', '=', version)
    .executeTakeFirst();
