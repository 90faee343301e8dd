import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { errorMessage } from '../../errorMessages';
import { formatDate, formatRating } from '../../format';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isOrdered, isStorableText } from '../../validation';
import { useTrainingActions } from '../training/trainingActions';
import { type PublicationDraftView, prefilledFigures, usePublicationDraft } from './prefill';

/** What the form holds, as typed: numbers stay text until sent (a French comma is a decimal point). */
export interface ResultsDraft {
  label: string;
  periodFrom: string;
  periodTo: string;
  /** `organisation`, or a training action's id. */
  scope: string;
  trainees: string;
  respondents: string;
  satisfactionAverage: string;
  satisfiedShare: string;
  completionRate: string;
  dropOutRate: string;
  successRate: string;
  note: string;
}

const FIELDS = [
  'label',
  'periodFrom',
  'periodTo',
  'scope',
  'trainees',
  'respondents',
  'satisfactionAverage',
  'satisfiedShare',
  'completionRate',
  'dropOutRate',
  'successRate',
  'note',
] as const satisfies readonly (keyof ResultsDraft)[];
type Field = (typeof FIELDS)[number];

/** The field the server's refusal is about, shown beside it rather than above the form. */
const FIELD_OF_CODE: Record<string, Field> = {
  period_in_future: 'periodTo',
  period_reversed: 'periodTo',
  trainees_missing: 'trainees',
  respondents_exceed_trainees: 'respondents',
  satisfaction_out_of_range: 'satisfactionAverage',
  satisfaction_missing: 'satisfactionAverage',
  satisfaction_without_respondents: 'satisfactionAverage',
  rates_exceed_total: 'dropOutRate',
  training_action_not_found: 'scope',
};
const isField = (value: string | null): value is Field => FIELDS.some((field) => field === value);

export const EMPTY_DRAFT: ResultsDraft = {
  label: '',
  periodFrom: '',
  periodTo: '',
  scope: 'organisation',
  trainees: '',
  respondents: '',
  satisfactionAverage: '',
  satisfiedShare: '',
  completionRate: '',
  dropOutRate: '',
  successRate: '',
  note: '',
};

/** A typed number, French comma allowed; null when empty, NaN when not a number. */
const parseNumber = (value: string): number | null => {
  const trimmed = value.trim().replace(',', '.');
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
};

/**
 * The form to publish result figures. `initialValues` fills it (figures drawn from survey results, say): the
 * person checks and completes them before publishing.
 */
export function PublishResultsForm({
  initialValues,
  onPublished,
}: {
  initialValues?: Partial<ResultsDraft>;
  onPublished: (label: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<ResultsDraft>({ ...EMPTY_DRAFT, ...initialValues });
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'results');
  const actions = useTrainingActions();
  const draft = usePublicationDraft();
  /** The questionnaires' figures last taken into the form, to say where they came from. */
  const [source, setSource] = useState<PublicationDraftView | null>(null);

  const publish = useMutation({
    mutationFn: (body: { label: string } & Record<string, unknown>) =>
      command('/api/results-snapshots', body),
    onSuccess: (_answer, body) => {
      onPublished(body.label);
      setValues({ ...EMPTY_DRAFT, ...initialValues });
      setSource(null);
    },
    onError: (error) => {
      const field = isApiError(error) ? (FIELD_OF_CODE[error.code] ?? error.detail('field')) : null;
      if (isField(field)) show({ [field]: errorMessage(t, error) });
      else showServerError(error);
    },
  });

  const set = (field: Field) => (event: { target: { value: string } }) =>
    setValues({ ...values, [field]: event.target.value });

  const takeSurveyFigures = () => {
    if (draft.isPending) return;
    const found: Partial<Record<Field, string>> = {};
    if (!values.periodFrom) found.periodFrom = t('validation.required');
    if (!values.periodTo) found.periodTo = t('validation.required');
    else if (!isOrdered(values.periodFrom, values.periodTo)) found.periodTo = t('publication.periodOrder');
    if (show(found)) return;
    draft.mutate(
      {
        from: values.periodFrom,
        to: values.periodTo,
        trainingActionId: values.scope === 'organisation' ? null : values.scope,
      },
      {
        onSuccess: (figures) => {
          setValues((current) => ({ ...current, ...prefilledFigures(figures, i18n.language) }));
          setSource(figures);
        },
      },
    );
  };

  const trainees = parseNumber(values.trainees);
  const respondents = parseNumber(values.respondents);
  const responseRate =
    trainees !== null && respondents !== null && trainees > 0 && respondents <= trainees
      ? Math.round((respondents / trainees) * 1000) / 10
      : null;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (publish.isPending) return;
    const found: Partial<Record<Field, string>> = {};
    const label = values.label.trim();
    if (!label) found.label = t('validation.required');
    else if (!isStorableText(label)) found.label = t('validation.invalidCharacters');
    if (!values.periodFrom) found.periodFrom = t('validation.required');
    if (!values.periodTo) found.periodTo = t('validation.required');
    else if (!isOrdered(values.periodFrom, values.periodTo)) found.periodTo = t('publication.periodOrder');
    const numbers: Partial<Record<Field, number | null>> = {};
    const check = (field: Field, rule: 'count' | 'percent' | 'average', required: boolean) => {
      const value = parseNumber(values[field]);
      numbers[field] = value;
      if (value === null) {
        if (required) found[field] = t('validation.required');
      } else if (Number.isNaN(value)) found[field] = t('publication.numberInvalid');
      else if (rule === 'count' && (!Number.isInteger(value) || value < 0))
        found[field] = t('publication.wholeNumber');
      else if (rule === 'percent' && (value < 0 || value > 100)) found[field] = t('publication.percentRange');
      else if (rule === 'average' && (value < 0 || value > 5)) found[field] = t('publication.averageRange');
    };
    check('trainees', 'count', true);
    check('respondents', 'count', true);
    check('satisfactionAverage', 'average', false);
    check('satisfiedShare', 'percent', false);
    check('completionRate', 'percent', true);
    check('dropOutRate', 'percent', true);
    check('successRate', 'percent', false);
    if (!found.respondents && (numbers.respondents ?? 0) > (numbers.trainees ?? Number.POSITIVE_INFINITY)) {
      found.respondents = t('publication.respondentsTooMany');
    }
    if (
      !found.satisfactionAverage &&
      !found.satisfiedShare &&
      (numbers.respondents ?? 0) > 0 &&
      numbers.satisfactionAverage === null &&
      numbers.satisfiedShare === null
    ) {
      found.satisfactionAverage = t('publication.satisfactionNeeded');
    }
    const note = values.note.trim();
    if (!isStorableText(note)) found.note = t('validation.invalidCharacters');
    if (show(found)) return;
    publish.mutate({
      label,
      periodFrom: values.periodFrom,
      periodTo: values.periodTo,
      scope:
        values.scope === 'organisation'
          ? { kind: 'organisation' }
          : { kind: 'training_action', trainingActionId: values.scope },
      figures: {
        trainees: numbers.trainees,
        respondents: numbers.respondents,
        satisfactionAverage: numbers.satisfactionAverage,
        satisfiedShare: numbers.satisfiedShare,
        completionRate: numbers.completionRate,
        dropOutRate: numbers.dropOutRate,
        successRate: numbers.successRate,
      },
      note: note || null,
    });
  };

  const numberField = (field: Field, label: string, hint?: string) => (
    <TextField
      id={`results-${field}`}
      name={field}
      label={label}
      hint={hint}
      inputMode="decimal"
      autoComplete="off"
      value={values[field]}
      error={errors[field]}
      onChange={set(field)}
    />
  );

  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <p className="hint">{t('app.requiredNote')}</p>
      <ErrorAlert error={formError} />
      <TextField
        id="results-label"
        name="label"
        label={t('publication.label')}
        hint={t('publication.labelHint')}
        autoComplete="off"
        value={values.label}
        error={errors.label}
        onChange={set('label')}
      />
      <div className="field-row">
        <TextField
          id="results-periodFrom"
          name="periodFrom"
          type="date"
          label={t('publication.periodFrom')}
          value={values.periodFrom}
          error={errors.periodFrom}
          onChange={set('periodFrom')}
        />
        <TextField
          id="results-periodTo"
          name="periodTo"
          type="date"
          label={t('publication.periodTo')}
          value={values.periodTo}
          error={errors.periodTo}
          onChange={set('periodTo')}
        />
      </div>
      <SelectField
        id="results-scope"
        name="scope"
        label={t('publication.scope')}
        value={values.scope}
        error={errors.scope}
        onChange={set('scope')}
      >
        <option value="organisation">{t('publication.scopeOrganisation')}</option>
        {actions.data?.map((action) => (
          <option key={action.id} value={action.id}>
            {action.title}
          </option>
        ))}
      </SelectField>
      <div className="prefill">
        <button
          type="button"
          className="button button-secondary"
          aria-describedby="results-prefill-hint"
          disabled={draft.isPending}
          onClick={takeSurveyFigures}
        >
          {t('publication.prefill')}
        </button>
        <p className="hint" id="results-prefill-hint">
          {t('publication.prefillHint')}
        </p>
        <ErrorAlert error={draft.error} />
        <div role="status" data-testid="results-prefill-source">
          {source && (
            <p className="hint">
              {t(
                source.trainingActionTitle ? 'publication.prefillSourceAction' : 'publication.prefillSource',
                {
                  from: formatDate(source.periodFrom, i18n.language),
                  to: formatDate(source.periodTo, i18n.language),
                  action: source.trainingActionTitle,
                  respondents: source.respondents,
                },
              )}{' '}
              {prefilledFigures(source, i18n.language).trainees === ''
                ? t('publication.prefillTraineesUnknown')
                : ''}{' '}
              {t('publication.prefillByHand')}
            </p>
          )}
        </div>
      </div>
      <div className="field-row">
        {numberField('trainees', t('publication.trainees'))}
        {numberField('respondents', t('publication.respondents'))}
      </div>
      <p className="hint" aria-live="polite">
        {responseRate !== null &&
          t('publication.responseRate', { rate: formatRating(responseRate, i18n.language) })}
      </p>
      <fieldset>
        <legend>{t('publication.satisfactionLegend')}</legend>
        <div className="field-row">
          {numberField('satisfactionAverage', t('publication.satisfactionAverage'))}
          {numberField('satisfiedShare', t('publication.satisfiedShare'))}
        </div>
      </fieldset>
      <div className="field-row">
        {numberField('completionRate', t('publication.completionRate'))}
        {numberField('dropOutRate', t('publication.dropOutRate'))}
        {numberField('successRate', t('publication.successRate'), t('publication.optional'))}
      </div>
      <div className={`field${errors.note ? ' field-invalid' : ''}`}>
        <label htmlFor="results-note">{t('publication.note')}</label>
        <p className="hint" id="results-note-hint">
          {t('publication.noteHint')}
        </p>
        {errors.note && (
          <p className="field-error" id="results-note-error" role="alert">
            {errors.note}
          </p>
        )}
        <textarea
          id="results-note"
          name="note"
          rows={3}
          maxLength={1000}
          value={values.note}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={`results-note-hint${errors.note ? ' results-note-error' : ''}`}
          onChange={set('note')}
        />
      </div>
      <SubmitButton pending={publish.isPending}>{t('publication.submit')}</SubmitButton>
    </form>
  );
}
