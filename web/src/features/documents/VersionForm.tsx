import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { fieldErrorsFrom } from '../../errorMessages';
import { formatSize, parisToday } from '../../format';
import { ACCEPTED_FILES, commandFormWithProgress } from '../../uploads';
import { useIndicatorsInForce, useOrganisationApplicability } from '../referential';
import type { EvidenceDocumentView } from './documents';
import { documentsMessages } from './messages';

const FIELDS = ['title', 'on', 'version', 'indicators', 'note', 'file'] as const;
type Field = (typeof FIELDS)[number];
type Errors = Partial<Record<Field, string>>;

type DocumentCode = keyof typeof documentsMessages.fr.evidenceDocumentErrors;
const DOCUMENT_CODES = new Set(Object.keys(documentsMessages.fr.evidenceDocumentErrors));

/** The field a refusal of the server is about; the others are said above the form. */
const FIELD_OF_CODE: Partial<Record<DocumentCode, Field>> = {
  no_indicator: 'indicators',
  indicator_not_applicable: 'indicators',
  document_date_in_future: 'on',
  version_not_newer: 'version',
  version_too_high: 'version',
  file_missing: 'file',
  file_too_large: 'file',
  file_type_unsupported: 'file',
  file_empty: 'file',
};

/** The indicators to offer: those that apply to the organisation (all in force until it declared its activities). */
function useIndicatorChoices(checked: readonly number[]) {
  const inForce = useIndicatorsInForce();
  const applicability = useOrganisationApplicability(inForce.data?.version);
  const all = inForce.data?.indicators ?? [];
  return all.filter(
    (indicator) =>
      !applicability.data ||
      applicability.data.get(indicator.number)?.applies ||
      checked.includes(indicator.number),
  );
}

/**
 * A document's version: title, date, optional number, the indicators it supports, a note and the file, sent as
 * one multipart form with its progress shown. Without `current` it adds a new document; with it, a new version
 * of that document (sent with its revision, so an edit made meanwhile is refused rather than overwritten).
 */
export function VersionForm({
  current,
  onDone,
}: {
  /** The document a new version replaces; none for a new document. */
  current?: EvidenceDocumentView;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const prefix = current ? 'document-version' : 'document-new';
  const id = (field: Field) => `${prefix}-${field}`;
  const empty = {
    title: current?.title ?? '',
    on: parisToday(),
    version: '',
    indicators: current?.indicators ?? ([] as number[]),
    note: '',
  };
  const [values, setValues] = useState(empty);
  const [file, setFile] = useState<File | null>(null);
  const [fileInput, setFileInput] = useState(0);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const choices = useIndicatorChoices(values.indicators);
  const today = parisToday();

  const show = (found: Errors) => {
    setErrors(found);
    const first = FIELDS.find((field) => found[field]);
    if (first === 'indicators') {
      document.querySelector<HTMLInputElement>(`#${id('indicators')} input`)?.focus();
    } else if (first) {
      document.getElementById(id(first))?.focus();
    }
    return first !== undefined;
  };

  const refused = (error: unknown) => {
    if (!isApiError(error)) return setFormError(error);
    if (error.code === 'revision_conflict') {
      void queryClient.invalidateQueries();
      return setFormMessage(t('evidenceDocument.stale'));
    }
    if (DOCUMENT_CODES.has(error.code)) {
      const maxBytes = error.details?.maxBytes;
      const listed = error.details?.indicators;
      const message = t(`evidenceDocumentErrors.${error.code as DocumentCode}`, {
        name: file?.name ?? '',
        size: typeof maxBytes === 'number' ? formatSize(maxBytes, i18n.language) : '',
        indicators: Array.isArray(listed) ? listed.join(', ') : '',
        version: String(error.details?.currentVersion ?? current?.version ?? ''),
      });
      const field = FIELD_OF_CODE[error.code as DocumentCode];
      if (field) return show({ [field]: message });
      return setFormMessage(message);
    }
    const { fieldErrors, unmatched } = fieldErrorsFrom(t, error, FIELDS);
    show(fieldErrors);
    if (unmatched) setFormError(error);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (progress !== null) return;
    setFormError(null);
    setFormMessage(null);
    const found: Errors = {};
    if (!values.title.trim()) found.title = t('validation.required');
    if (!values.on) found.on = t('validation.required');
    else if (values.on > today) found.on = t('evidenceDocumentErrors.document_date_in_future');
    if (values.indicators.length === 0) found.indicators = t('evidenceDocumentErrors.no_indicator');
    if (!file) found.file = t('evidenceDocumentErrors.file_missing');
    else if (file.size === 0) found.file = t('evidenceDocumentErrors.file_empty', { name: file.name });
    if (show(found) || !file) return;

    const form = new FormData();
    form.append('title', values.title);
    form.append('on', values.on);
    if (values.version.trim()) form.append('version', values.version.trim());
    form.append('indicators', values.indicators.join(','));
    form.append('note', values.note);
    form.append('file', file, file.name);
    const path = current
      ? `/api/evidence-documents/${encodeURIComponent(current.id)}/versions`
      : '/api/evidence-documents';
    setProgress(0);
    commandFormWithProgress<{ id: string; changed?: boolean }>(path, form, {
      ...(current ? { ifMatch: current.revision } : {}),
      onProgress: setProgress,
    }).then(
      (answer) => {
        setProgress(null);
        void queryClient.invalidateQueries();
        setValues(empty);
        setFile(null);
        setFileInput((current) => current + 1);
        setErrors({});
        if (!current) return onDone(t('evidenceDocuments.added', { title: values.title.trim() }));
        if (answer.changed === false) return onDone(t('evidenceDocument.unchanged'));
        const version = values.version.trim() ? Number(values.version) : current.version + 1;
        onDone(t('evidenceDocument.versionAdded', { version }));
      },
      (error: unknown) => {
        setProgress(null);
        refused(error);
      },
    );
  };

  const toggle = (number: number, checked: boolean) =>
    setValues((current) => ({
      ...current,
      indicators: checked
        ? [...current.indicators, number].sort((a, b) => a - b)
        : current.indicators.filter((candidate) => candidate !== number),
    }));

  const percent = Math.round((progress ?? 0) * 100);
  const indicatorsHint = `${id('indicators')}-hint`;
  const indicatorsError = `${id('indicators')}-error`;
  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={formMessage ? null : formError} message={formMessage} />
      <TextField
        id={id('title')}
        label={t('evidenceDocumentForm.documentTitle')}
        maxLength={200}
        required
        value={values.title}
        error={errors.title}
        onChange={(event) => setValues({ ...values, title: event.target.value })}
      />
      <div className="field-row">
        <TextField
          id={id('on')}
          label={t('evidenceDocumentForm.on')}
          type="date"
          required
          max={today}
          value={values.on}
          error={errors.on}
          onChange={(event) => setValues({ ...values, on: event.target.value })}
        />
        <TextField
          id={id('version')}
          label={t('evidenceDocumentForm.version')}
          hint={
            current
              ? t('evidenceDocumentForm.versionHintNext', { next: current.version + 1 })
              : t('evidenceDocumentForm.versionHintNew')
          }
          type="number"
          inputMode="numeric"
          min={current ? current.version + 1 : 1}
          value={values.version}
          error={errors.version}
          onChange={(event) => setValues({ ...values, version: event.target.value })}
        />
      </div>
      <fieldset
        id={id('indicators')}
        className={`field${errors.indicators ? ' field-invalid' : ''}`}
        aria-describedby={[indicatorsHint, errors.indicators ? indicatorsError : ''].join(' ').trim()}
      >
        <legend>{t('evidenceDocumentForm.indicators')}</legend>
        <p className="hint" id={indicatorsHint}>
          {t('evidenceDocumentForm.indicatorsHint')}
        </p>
        {errors.indicators && (
          <p className="field-error" id={indicatorsError} role="alert">
            {errors.indicators}
          </p>
        )}
        <div className="indicator-choices">
          {choices.map((indicator) => (
            <label key={indicator.number} className="rating-option" title={indicator.title}>
              <input
                type="checkbox"
                aria-label={t('referential.indicator', { number: indicator.number })}
                checked={values.indicators.includes(indicator.number)}
                onChange={(event) => toggle(indicator.number, event.target.checked)}
              />
              {indicator.number}
            </label>
          ))}
        </div>
      </fieldset>
      <TextAreaField
        id={id('note')}
        label={t('evidenceDocumentForm.note')}
        rows={2}
        maxLength={2000}
        value={values.note}
        error={errors.note}
        onChange={(event) => setValues({ ...values, note: event.target.value })}
      />
      <TextField
        key={fileInput}
        id={id('file')}
        label={t('evidenceDocumentForm.file')}
        hint={t('evidenceDocumentForm.fileHint')}
        type="file"
        accept={ACCEPTED_FILES}
        required
        error={errors.file}
        onChange={(event) => {
          setFile(event.target.files?.[0] ?? null);
          setErrors((current) => ({ ...current, file: undefined }));
        }}
      />
      {progress !== null && (
        <div className="upload-progress">
          <progress id={`${prefix}-progress`} max={100} value={percent} />
          <label htmlFor={`${prefix}-progress`} aria-live="polite">
            {t('evidenceDocumentForm.sending', { percent })}
          </label>
        </div>
      )}
      <SubmitButton pending={progress !== null}>
        {current ? t('evidenceDocumentForm.addVersion') : t('evidenceDocumentForm.add')}
      </SubmitButton>
    </form>
  );
}
