import { useTranslation } from 'react-i18next';
import { type AnswerValue, inLanguage, type SurveyQuestion, TEXT_MAX_LENGTH } from './publicAnswer';

const RATINGS = [1, 2, 3, 4, 5];
const NPS = Array.from({ length: 11 }, (_, index) => index);

/** The element a question's error moves the focus to. */
export const firstInputId = (question: SurveyQuestion) =>
  question.kind === 'free_text' ? `q-${question.id}` : `q-${question.id}-0`;

/**
 * One question, by its kind: a fieldset of large radio buttons or checkboxes (one per row on a phone), or a text
 * area with a counter. Its label says whether it is required; its error is announced and tied to it.
 */
export function QuestionField({
  question,
  number,
  value,
  error,
  onChange,
}: {
  question: SurveyQuestion;
  number: number;
  value: AnswerValue | undefined;
  error?: string;
  onChange: (value: AnswerValue | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const base = `q-${question.id}`;
  const label = (
    <>
      <span className="question-number">{number}. </span>
      {inLanguage(question.label, language)}{' '}
      <span className="muted">({question.required ? t('survey.required') : t('survey.optional')})</span>
    </>
  );
  const help = question.help && (
    <p className="hint" id={`${base}-help`}>
      {inLanguage(question.help, language)}
    </p>
  );
  const errorLine = error && (
    <p className="field-error" id={`${base}-error`} role="alert">
      {error}
    </p>
  );
  const describedBy = [question.help ? `${base}-help` : '', error ? `${base}-error` : '']
    .filter(Boolean)
    .join(' ');

  if (question.kind === 'free_text') {
    const text = typeof value === 'string' ? value : '';
    const over = text.length > TEXT_MAX_LENGTH;
    return (
      <div className={`field survey-question${error || over ? ' field-invalid' : ''}`}>
        <label htmlFor={base}>{label}</label>
        {help}
        <p className="hint" id={`${base}-hint`}>
          {t('survey.textHint')}
        </p>
        {errorLine}
        <textarea
          id={base}
          rows={5}
          value={text}
          aria-invalid={error || over ? true : undefined}
          aria-required={question.required || undefined}
          aria-describedby={[describedBy, `${base}-hint`, `${base}-counter`].filter(Boolean).join(' ')}
          onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
        />
        <p id={`${base}-counter`} className={`counter${over ? ' counter-over' : ''}`}>
          {over
            ? t('feedback.over', { count: text.length - TEXT_MAX_LENGTH })
            : t('feedback.counter', { count: text.length, max: TEXT_MAX_LENGTH })}
        </p>
      </div>
    );
  }

  const choices: { value: string | number | boolean; label: string }[] =
    question.kind === 'rating'
      ? RATINGS.map((rating) => ({
          value: rating,
          label: t(`feedback.rating${rating as 1 | 2 | 3 | 4 | 5}`),
        }))
      : question.kind === 'nps'
        ? NPS.map((score) => ({
            value: score,
            label: score === 0 ? t('survey.npsLow') : score === 10 ? t('survey.npsHigh') : String(score),
          }))
        : question.kind === 'yes_no'
          ? [
              { value: true, label: t('survey.yes') },
              { value: false, label: t('survey.no') },
            ]
          : question.options.map((option) => ({
              value: option.id,
              label: inLanguage(option.label, language),
            }));
  const several = question.kind === 'multiple_choice';
  const chosen = several && Array.isArray(value) ? value : [];

  return (
    <fieldset
      className={`survey-question choices${question.kind === 'nps' ? ' choices-nps' : ''}${error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy || undefined}
    >
      <legend>{label}</legend>
      {help}
      {several && <p className="hint">{t('survey.chooseSeveral')}</p>}
      {errorLine}
      <div className="rating-options">
        {choices.map((choice, index) => {
          const id = `${base}-${index}`;
          const checked = several ? chosen.includes(String(choice.value)) : value === choice.value;
          return (
            <label key={id} className="rating-option" htmlFor={id}>
              <input
                id={id}
                type={several ? 'checkbox' : 'radio'}
                name={base}
                checked={checked}
                onChange={() => {
                  if (!several) onChange(choice.value);
                  else {
                    const option = String(choice.value);
                    const next = checked ? chosen.filter((id) => id !== option) : [...chosen, option];
                    onChange(next.length > 0 ? next : undefined);
                  }
                }}
              />
              <span>{choice.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
