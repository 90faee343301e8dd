import type { Selectable } from 'kysely';
import type { Timestamp } from '../../services/db/columns';
import type { Audience } from '../../services/feedback/events';
import type { QuestionnaireContent } from '../../services/questionnaire/events';

export type QuestionnaireTables = {
  /** One row per questionnaire: its current version, as lists show it. */
  questionnaires: {
    id: string;
    organisation_id: string;
    title_fr: string;
    title_en: string | null;
    audience: Audience;
    /** The current version's number (1 at creation). */
    version: number;
    question_count: number;
    from_template: string | null;
    archived: boolean;
    /** The stream's revision, for If-Match. */
    revision: number;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  /** Every version as it was saved: an answer given to version n is read against version n. */
  questionnaire_versions: {
    questionnaire_id: string;
    version: number;
    organisation_id: string;
    /** The version's whole content (title, introduction, audience, questions), as JSON. */
    content: QuestionnaireContent;
    /** The user who saved it (null for the system). */
    saved_by: string | null;
    saved_at: Timestamp;
  };
};

export type QuestionnaireRow = Selectable<QuestionnaireTables['questionnaires']>;
export type QuestionnaireVersionRow = Selectable<QuestionnaireTables['questionnaire_versions']>;
