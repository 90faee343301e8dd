import { useTranslation } from 'react-i18next';
import type { QuestionnaireContentView } from './questionnaires';

type Language = 'fr' | 'en';
type Text = { fr: string; en: string | null } | null;

/** A text in the language asked, the French where the English is missing. */
export const inLanguage = (text: Text, language: Language): string =>
  text ? (language === 'en' && text.en ? text.en : text.fr) : '';

/**
 * A questionnaire as a respondent will see it, its controls inert: what each kind of question offers (five
 * ratings, eleven recommendation scores, the choices, yes or no, a text box) in the language chosen.
 */
export function QuestionnairePreview({
  content,
  language,
  idPrefix,
}: {
  content: QuestionnaireContentView;
  language: Language;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const lng = { lng: language };
  return (
    <div className="panel questionnaire-preview" lang={language}>
      <h3>{inLanguage(content.title, language)}</h3>
      {content.introduction && <p>{inLanguage(content.introduction, language)}</p>}
      <ol className="plain-list">
        {content.questions.map((question) => {
          const id = `${idPrefix}-${question.id}`;
          const label = inLanguage(question.label, language);
          return (
            <li key={question.id} className="subsection">
              <fieldset disabled className="rating">
                <legend>
                  {label}
                  {question.required && (
                    <span className="muted"> ({t('questionnaire.previewRequired', lng)})</span>
                  )}
                </legend>
                {question.help && <p className="hint">{inLanguage(question.help, language)}</p>}
                <PreviewControls question={question} id={id} language={language} />
              </fieldset>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function PreviewControls({
  question,
  id,
  language,
}: {
  question: QuestionnaireContentView['questions'][number];
  id: string;
  language: Language;
}) {
  const { t } = useTranslation();
  const lng = { lng: language };
  const scale = (from: number, to: number) => (
    <div className="rating-options">
      {Array.from({ length: to - from + 1 }, (_, index) => from + index).map((value) => (
        <label key={value} className="rating-option">
          <input type="radio" name={id} value={value} />
          {value}
        </label>
      ))}
    </div>
  );
  switch (question.kind) {
    case 'rating':
      return scale(1, 5);
    case 'nps':
      return (
        <>
          {scale(0, 10)}
          <p className="hint">
            0 : {t('questionnaire.previewNpsLow', lng)} — 10 : {t('questionnaire.previewNpsHigh', lng)}
          </p>
        </>
      );
    case 'yes_no':
      return (
        <div className="rating-options">
          <label className="rating-option">
            <input type="radio" name={id} value="yes" />
            {t('questionnaire.yes', lng)}
          </label>
          <label className="rating-option">
            <input type="radio" name={id} value="no" />
            {t('questionnaire.no', lng)}
          </label>
        </div>
      );
    case 'single_choice':
    case 'multiple_choice':
      return (
        <ul className="plain-list">
          {question.options.map((option) => (
            <li key={option.id} className="field field-checkbox">
              <input
                id={`${id}-${option.id}`}
                type={question.kind === 'single_choice' ? 'radio' : 'checkbox'}
                name={id}
              />
              <label htmlFor={`${id}-${option.id}`}>{inLanguage(option.label, language)}</label>
            </li>
          ))}
        </ul>
      );
    case 'free_text':
      return <textarea aria-label={inLanguage(question.label, language)} rows={3} />;
  }
}
