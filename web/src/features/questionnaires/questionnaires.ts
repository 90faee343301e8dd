import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const QuestionnaireTemplatesQuery = graphql(`
  query QuestionnaireTemplates {
    questionnaireTemplates {
      key
      when { fr en }
      content {
        title { fr en } introduction { fr en } audience
        questions { id kind required purpose label { fr en } help { fr en } options { id label { fr en } } }
      }
    }
  }
`);

/** The ready questionnaires of the catalogue. */
export function useQuestionnaireTemplates() {
  return useQuery({
    ...graphQLQuery(QuestionnaireTemplatesQuery, {}),
    select: (data) => data.questionnaireTemplates,
  });
}

const QuestionnairesQuery = graphql(`
  query Questionnaires($includeArchived: Boolean) {
    questionnaires(includeArchived: $includeArchived) {
      id audience version questionCount archived updatedAt title { fr en }
    }
  }
`);

/** The organisation's questionnaires; archived ones too when asked. */
export function useQuestionnaires(includeArchived = false) {
  return useQuery({
    ...graphQLQuery(QuestionnairesQuery, { includeArchived }),
    select: (data) => data.questionnaires,
  });
}

const QuestionnaireQuery = graphql(`
  query Questionnaire($id: ID!) {
    questionnaire(id: $id) {
      id audience version revision archived
      current {
        version
        content {
          title { fr en } introduction { fr en } audience
          questions { id kind required purpose label { fr en } help { fr en } options { id label { fr en } } }
        }
      }
      versions { version savedAt content { questions { id kind purpose } } }
    }
  }
`);

/** One questionnaire with its current content and every version (null when unknown). */
export function useQuestionnaire(id: string) {
  return useQuery({ ...graphQLQuery(QuestionnaireQuery, { id }), select: (data) => data.questionnaire });
}

export type QuestionnaireContentView = NonNullable<
  ResultOf<typeof QuestionnaireQuery>['questionnaire']
>['current']['content'];
