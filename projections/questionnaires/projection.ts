import type { Kysely } from 'kysely';
import type { QuestionnaireContent, QuestionnaireEvent } from '../../services/questionnaire/events';
import { lastBy } from '../grouping';
import { insertRows, updateRows } from '../runner/bulk';
import type { Recorded } from '../runner/projection';
import { defineProjection } from '../runner/projection';
import type { QuestionnaireTables } from './tables';

type Db = Kysely<QuestionnaireTables>;
type Of<Type extends QuestionnaireEvent['type']> = Recorded<Extract<QuestionnaireEvent, { type: Type }>>;

const contentOf = ({
  title,
  introduction,
  audience,
  questions,
}: QuestionnaireContent): QuestionnaireContent => ({
  title,
  introduction,
  audience,
  questions,
});

/** The version rows of a run: one per created or revised version. */
const recordVersions = (db: Db, events: readonly Of<'QuestionnaireCreated' | 'QuestionnaireRevised'>[]) =>
  insertRows(
    db,
    'questionnaire_versions',
    events.map((event) => ({
      questionnaire_id: event.data.questionnaireId,
      version: event.type === 'QuestionnaireRevised' ? event.data.version : 1,
      organisation_id: event.metadata.organisationId,
      content: contentOf(event.data),
      saved_by: event.metadata.actor.type === 'user' ? (event.metadata.actor.id ?? null) : null,
      saved_at: event.metadata.occurredAt,
    })),
  );

/** The list rows follow their stream: one UPDATE per run, from each questionnaire's last event in it. */
const setArchived = (db: Db, events: readonly Of<'QuestionnaireArchived' | 'QuestionnaireUnarchived'>[]) =>
  updateRows(
    db,
    'questionnaires',
    'id',
    lastBy(events, (event) => event.data.questionnaireId).map((event) => ({
      id: event.data.questionnaireId,
      archived: event.type === 'QuestionnaireArchived',
      revision: event.revision,
      updated_at: event.metadata.occurredAt,
    })),
  );

export const questionnairesProjection = defineProjection<QuestionnaireTables, QuestionnaireEvent>({
  name: 'questionnaires',
  version: 1,
  tables: ['questionnaires', 'questionnaire_versions'],
  async create(db) {
    await db.schema
      .createTable('questionnaires')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('title_fr', 'text', (column) => column.notNull())
      .addColumn('title_en', 'text')
      .addColumn('audience', 'text', (column) => column.notNull())
      .addColumn('version', 'integer', (column) => column.notNull())
      .addColumn('question_count', 'integer', (column) => column.notNull())
      .addColumn('from_template', 'text')
      .addColumn('archived', 'boolean', (column) => column.notNull())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('questionnaires_organisation_idx')
      .on('questionnaires')
      .columns(['organisation_id', 'archived', 'audience'])
      .execute();
    await db.schema
      .createTable('questionnaire_versions')
      .addColumn('questionnaire_id', 'uuid', (column) => column.notNull())
      .addColumn('version', 'integer', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('content', 'jsonb', (column) => column.notNull())
      .addColumn('saved_by', 'uuid')
      .addColumn('saved_at', 'timestamptz', (column) => column.notNull())
      .addPrimaryKeyConstraint('questionnaire_versions_pkey', ['questionnaire_id', 'version'])
      .execute();
  },
  handlers: {
    async QuestionnaireCreated(db, events) {
      await insertRows(
        db,
        'questionnaires',
        events.map(({ data, metadata, revision }) => ({
          id: data.questionnaireId,
          organisation_id: metadata.organisationId,
          title_fr: data.title.fr,
          title_en: data.title.en,
          audience: data.audience,
          version: 1,
          question_count: data.questions.length,
          from_template: data.fromTemplate,
          archived: false,
          revision,
          created_at: metadata.occurredAt,
          updated_at: metadata.occurredAt,
        })),
      );
      await recordVersions(db, events);
    },
    async QuestionnaireRevised(db, events) {
      await updateRows(
        db,
        'questionnaires',
        'id',
        lastBy(events, (event) => event.data.questionnaireId).map(({ data, metadata, revision }) => ({
          id: data.questionnaireId,
          title_fr: data.title.fr,
          title_en: data.title.en,
          version: data.version,
          question_count: data.questions.length,
          revision,
          updated_at: metadata.occurredAt,
        })),
      );
      await recordVersions(db, events);
    },
    QuestionnaireArchived: setArchived,
    QuestionnaireUnarchived: setArchived,
  },
});
