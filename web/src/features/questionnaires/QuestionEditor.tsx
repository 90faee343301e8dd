import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { enumValue, enumValues, type QuestionKind, type QuestionPurpose } from '../../data/graphql';
import { CHOICE_KINDS, type DraftQuestion, type DraftText, newOption } from './draft';
import { questionnaireMessages } from './messages';

const KINDS = enumValues<QuestionKind>(questionnaireMessages.fr.questionKinds);
const PURPOSES = enumValues<QuestionPurpose>(questionnaireMessages.fr.questionPurposes);

interface QuestionEditorProps {
  question: DraftQuestion;
  index: number;
  count: number;
  /** Asked in an earlier version: its kind and purpose stay as they are. */
  locked: boolean;
  /** Input ids whose French text is missing. */
  missing: ReadonlySet<string>;
  onChange(question: DraftQuestion): void;
  onMove(offset: -1 | 1): void;
  onRemove(): void;
}

/** One question of the editor: its texts in both languages, its kind, what it assesses, its choices. */
export function QuestionEditor({
  question,
  index,
  count,
  locked,
  missing,
  onChange,
  onMove,
  onRemove,
}: QuestionEditorProps) {
  const { t } = useTranslation();
  const number = index + 1;
  const prefix = `question-${index}`;
  const required = t('validation.required');
  const set = (change: Partial<DraftQuestion>) => onChange({ ...question, ...change });
  const text = (field: 'label' | 'help', language: keyof DraftText, value: string) =>
    set({ [field]: { ...question[field], [language]: value } });
  const isChoice = CHOICE_KINDS.includes(question.kind);

  return (
    <fieldset className="panel question-editor">
      <legend>{t('questionnaire.questionLegend', { number })}</legend>
      <TextField
        id={`${prefix}-label-fr`}
        label={t('questionnaire.labelFr')}
        required
        maxLength={300}
        value={question.label.fr}
        error={missing.has(`${prefix}-label-fr`) ? required : undefined}
        onChange={(event) => text('label', 'fr', event.target.value)}
      />
      <TextField
        id={`${prefix}-label-en`}
        label={t('questionnaire.labelEn')}
        hint={t('questionnaire.optionalHint')}
        maxLength={300}
        lang="en"
        value={question.label.en}
        onChange={(event) => text('label', 'en', event.target.value)}
      />
      <div className="field-row">
        <SelectField
          id={`${prefix}-kind`}
          label={t('questionnaire.kind')}
          value={question.kind}
          disabled={locked}
          hint={locked ? t('questionnaire.lockedHint') : undefined}
          onChange={(event) => {
            const kind = enumValue(KINDS, event.target.value) ?? question.kind;
            const choice = CHOICE_KINDS.includes(kind);
            set({
              kind,
              purpose: kind === 'nps' ? 'satisfaction' : question.purpose,
              required: kind === 'free_text' ? false : question.required,
              // A choice offers at least two options: empty ones to fill in are added.
              options: choice
                ? [...question.options, newOption(), newOption()].slice(
                    0,
                    Math.max(2, question.options.length),
                  )
                : question.options,
            });
          }}
        >
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`questionKinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${prefix}-purpose`}
          label={t('questionnaire.purpose')}
          value={question.purpose}
          disabled={locked || question.kind === 'nps'}
          onChange={(event) => set({ purpose: enumValue(PURPOSES, event.target.value) ?? question.purpose })}
        >
          {PURPOSES.map((purpose) => (
            <option key={purpose} value={purpose}>
              {t(`questionPurposes.${purpose}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="field field-checkbox">
        <input
          id={`${prefix}-required`}
          type="checkbox"
          checked={question.required}
          onChange={(event) => set({ required: event.target.checked })}
        />
        <label htmlFor={`${prefix}-required`}>{t('questionnaire.required')}</label>
      </div>
      <div className="field-row">
        <TextField
          id={`${prefix}-help-fr`}
          label={t('questionnaire.helpFr')}
          hint={t('questionnaire.optionalHint')}
          maxLength={300}
          value={question.help.fr}
          onChange={(event) => text('help', 'fr', event.target.value)}
        />
        <TextField
          id={`${prefix}-help-en`}
          label={t('questionnaire.helpEn')}
          maxLength={300}
          lang="en"
          value={question.help.en}
          onChange={(event) => text('help', 'en', event.target.value)}
        />
      </div>
      {isChoice && (
        <fieldset className="subsection">
          <legend>{t('questionnaire.optionsTitle')}</legend>
          {question.options.map((option, optionIndex) => {
            const optionNumber = optionIndex + 1;
            const id = `${prefix}-option-${optionIndex}`;
            const setLabel = (language: keyof DraftText, value: string) =>
              set({
                options: question.options.map((candidate) =>
                  candidate === option
                    ? { ...option, label: { ...option.label, [language]: value } }
                    : candidate,
                ),
              });
            return (
              <div key={option.id} className="field-row">
                <TextField
                  id={`${id}-fr`}
                  label={t('questionnaire.optionFr', { number: optionNumber })}
                  required
                  maxLength={150}
                  value={option.label.fr}
                  error={missing.has(`${id}-fr`) ? required : undefined}
                  onChange={(event) => setLabel('fr', event.target.value)}
                />
                <TextField
                  id={`${id}-en`}
                  label={t('questionnaire.optionEn', { number: optionNumber })}
                  maxLength={150}
                  lang="en"
                  value={option.label.en}
                  onChange={(event) => setLabel('en', event.target.value)}
                />
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={question.options.length <= 2}
                  onClick={() =>
                    set({ options: question.options.filter((candidate) => candidate !== option) })
                  }
                >
                  {t('questionnaire.removeOption', { number: optionNumber })}
                </button>
              </div>
            );
          })}
          <button
            type="button"
            className="button button-secondary"
            disabled={question.options.length >= 12}
            onClick={() => set({ options: [...question.options, newOption()] })}
          >
            {t('questionnaire.addOption')}
          </button>
        </fieldset>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          {t('questionnaire.moveUp', { number })}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          {t('questionnaire.moveDown', { number })}
        </button>
        <button
          type="button"
          className="button button-secondary button-danger"
          disabled={count <= 1}
          onClick={onRemove}
        >
          {t('questionnaire.remove', { number })}
        </button>
      </div>
    </fieldset>
  );
}
