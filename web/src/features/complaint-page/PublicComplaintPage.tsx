import i18next, { type TFunction } from 'i18next';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { PublicFrame } from '../../components/PublicFrame';
import { QueryError } from '../../components/QueryError';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { errorMessage, fieldErrorsFrom } from '../../errorMessages';
import { formatDate } from '../../format';
import { isStorableText } from '../../validation';
import { newSubmissionId, organisationOfError } from '../feedback/publicFeedback';
import { AttachmentsField } from './AttachmentsField';
import {
  type ComplaintDraft,
  type ComplaintPage,
  type ComplaintReceipt,
  GROUPS,
  sendComplaint,
  TEXT_MAX_LENGTH,
  useComplaintPage,
} from './publicComplaint';

type Field = 'group' | 'name' | 'email' | 'phone' | 'about' | 'text' | 'attachments';
type Errors = Partial<Record<Field, string>>;
const FIELDS: readonly Field[] = ['group', 'name', 'email', 'phone', 'about', 'text', 'attachments'];
/** The element each field's error sends the focus to. */
const FOCUS: Record<Field, string> = {
  group: 'complaint-group-learner',
  name: 'complaint-name',
  email: 'complaint-email',
  phone: 'complaint-phone',
  about: 'complaint-about',
  text: 'complaint-text',
  attachments: 'complaint-attachments',
};
/** Refusals the server names a field for. */
const FIELD_OF_CODE: Record<string, Field> = {
  complainant_name_missing: 'name',
  complainant_contact_missing: 'email',
  complaint_text_missing: 'text',
  text_missing: 'text',
};
const FILE_CODES = new Set(['file_type_unsupported', 'file_too_large', 'file_empty', 'too_many_files']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const TITLES = {
  complaint_page_not_found: 'complaintPage.notFoundTitle',
  complaint_page_moved: 'complaintPage.movedTitle',
} as const;

/**
 * `/r/:address`: an organisation's public complaint page (no account), phone first, in the organisation's frame:
 * who, about what, the complaint and its files, then a confirmation with the reference and what happens next.
 */
export function PublicComplaintPage({ address }: { address: string }) {
  const { t } = useTranslation();
  const page = useComplaintPage(address);
  const organisation =
    page.status === 'success'
      ? page.data.organisation
      : page.status === 'error'
        ? organisationOfError(page.error)
        : null;
  const unavailable =
    page.status === 'error'
      ? t(
          (isApiError(page.error) && TITLES[page.error.code as keyof typeof TITLES]) ||
            'complaintPage.unavailableTitle',
        )
      : '';
  return (
    <PublicFrame organisation={organisation}>
      {page.status === 'pending' && <Loading />}
      {page.status === 'error' && (
        <>
          <PageTitle page={unavailable} />
          <h1>{unavailable}</h1>
          <div className="alert alert-error" role="alert">
            <p>{complaintErrorMessage(t, page.error)}</p>
          </div>
          {isApiError(page.error) && page.error.isTransient && (
            <QueryError error={page.error} onRetry={page.retry} />
          )}
        </>
      )}
      {page.status === 'success' && <ComplaintForm address={address} page={page.data} />}
    </PublicFrame>
  );
}

/** A refusal in this page's words when it has some, else the app's. */
function complaintErrorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    const organisation = error.detail('organisationName');
    const key = `complaintPageErrors.${error.code}`;
    for (const candidate of organisation ? [`${key}_organisation`, key] : [key]) {
      if (i18next.exists(candidate)) {
        return (t as unknown as (key: string, values: object) => string)(candidate, { organisation });
      }
    }
  }
  return errorMessage(t, error);
}

function ComplaintForm({ address, page }: { address: string; page: ComplaintPage }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<ComplaintDraft>(() => ({
    submissionId: newSubmissionId(),
    group: '',
    anonymous: false,
    name: '',
    email: '',
    phone: '',
    about: '',
    text: '',
    files: [],
  }));
  const [errors, setErrors] = useState<Errors>({});
  const [sendError, setSendError] = useState<unknown>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [receipt, setReceipt] = useState<ComplaintReceipt | null>(null);
  const confirmation = useRef<HTMLHeadingElement>(null);
  const limits = page.attachments;

  useEffect(() => {
    if (receipt) confirmation.current?.focus();
  }, [receipt]);

  const change = (patch: Partial<ComplaintDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    const cleared = Object.keys(patch).map((key) => (key === 'files' ? 'attachments' : key)) as Field[];
    if (cleared.some((field) => errors[field])) {
      setErrors((current) => {
        const next = { ...current };
        for (const field of cleared) delete next[field];
        return next;
      });
    }
  };

  const validate = (): Errors => {
    const found: Errors = {};
    if (draft.group === '') found.group = t('complaintPage.missingGroup');
    if (!draft.anonymous) {
      if (draft.name.trim() === '') found.name = t('complaintPage.missingName');
      if (draft.email.trim() !== '' && !EMAIL.test(draft.email.trim()))
        found.email = t('complaintPage.invalidEmail');
      else if (draft.email.trim() === '' && draft.phone.trim() === '')
        found.email = t('complaintPage.missingContact');
    }
    if (draft.text.trim() === '') found.text = t('complaintPage.missingText');
    else if (draft.text.length > TEXT_MAX_LENGTH)
      found.text = t('complaintPage.textTooLong', { max: TEXT_MAX_LENGTH });
    for (const field of ['name', 'about', 'text'] as const) {
      if (!found[field] && !isStorableText(draft[field])) found[field] = t('validation.invalidCharacters');
    }
    return found;
  };

  const show = (found: Errors) => {
    setErrors(found);
    const first = FIELDS.find((field) => found[field]);
    if (first) document.getElementById(FOCUS[first])?.focus();
    return first !== undefined;
  };

  /** Puts a refusal beside the field it concerns, or above the button. */
  const refused = (error: unknown) => {
    if (isApiError(error)) {
      if (FILE_CODES.has(error.code)) {
        const index = error.details?.index;
        const file = typeof index === 'number' ? draft.files[index] : undefined;
        const message =
          file && error.code === 'file_type_unsupported'
            ? t('complaintPage.fileTypeRefused', { name: file.name })
            : file && error.code === 'file_empty'
              ? t('complaintPage.fileEmpty', { name: file.name })
              : complaintErrorMessage(t, error);
        show({ attachments: message });
        return;
      }
      const field = FIELD_OF_CODE[error.code];
      if (field) {
        show({ [field]: complaintErrorMessage(t, error) });
        return;
      }
      const { fieldErrors, unmatched } = fieldErrorsFrom(t, error, FIELDS);
      if (!unmatched && show(fieldErrors)) return;
    }
    setSendError(error);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (progress !== null) return;
    setSendError(null);
    if (show(validate())) return;
    setProgress(0);
    sendComplaint(address, draft, setProgress).then(
      (answer) => {
        setProgress(null);
        setReceipt(answer);
      },
      (error: unknown) => {
        setProgress(null);
        refused(error);
      },
    );
  };

  const organisation = page.organisation.name;
  if (receipt) {
    const next = draft.anonymous
      ? t('complaintPage.nextAnonymous')
      : draft.email.trim()
        ? t('complaintPage.nextByEmail')
        : t('complaintPage.nextOther');
    return (
      <>
        <PageTitle page={t('complaintPage.thanksTitle')} />
        <div className="alert alert-success thanks">
          <h1 className="thanks-title" tabIndex={-1} ref={confirmation}>
            {t('complaintPage.thanksTitle')}
          </h1>
          <p>
            {receipt.reference
              ? t('complaintPage.reference', { reference: receipt.reference })
              : t('complaintPage.referenceLater')}
          </p>
          <p>{t('complaintPage.receivedOn', { date: formatDate(receipt.receivedOn, i18n.language) })}</p>
        </div>
        <h2>{t('complaintPage.nextTitle')}</h2>
        <p>
          {t('complaintPage.nextAcknowledge', {
            organisation,
            count: receipt.acknowledgeWithinWorkingDays,
          })}
        </p>
        <p>{next}</p>
      </>
    );
  }

  const optional = ` (${t('complaintPage.optional')})`;
  const required = ` (${t('complaintPage.required')})`;
  const errorCount = Object.keys(errors).length;
  return (
    <>
      <PageTitle page={t('complaintPage.title')} />
      <h1>{t('complaintPage.title')}</h1>
      <p>{t('complaintPage.intro', { organisation })}</p>
      <form className="form feedback-form complaint-form" noValidate onSubmit={onSubmit}>
        {errorCount > 1 && (
          <p className="alert alert-error" role="alert">
            {t('complaintPage.fixBelow')}
          </p>
        )}
        <fieldset
          className={`survey-question choices${errors.group ? ' field-invalid' : ''}`}
          aria-describedby={errors.group ? 'complaint-group-error' : undefined}
        >
          <legend>
            {t('complaintPage.group')}
            {required}
          </legend>
          {errors.group && (
            <p className="field-error" id="complaint-group-error" role="alert">
              {errors.group}
            </p>
          )}
          <div className="rating-options">
            {GROUPS.map((group) => (
              <label key={group} className="rating-option" htmlFor={`complaint-group-${group}`}>
                <input
                  id={`complaint-group-${group}`}
                  type="radio"
                  name="complaint-group"
                  checked={draft.group === group}
                  onChange={() => change({ group })}
                />
                <span>{t(`complaintPageGroups.${group}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field field-checkbox">
          <label htmlFor="complaint-anonymous">
            <input
              id="complaint-anonymous"
              type="checkbox"
              checked={draft.anonymous}
              aria-describedby="complaint-anonymous-hint"
              onChange={(event) => change({ anonymous: event.target.checked })}
            />{' '}
            {t('complaintPage.anonymous')}
          </label>
          <p className="hint" id="complaint-anonymous-hint">
            {t('complaintPage.anonymousHint')}
          </p>
        </div>
        {!draft.anonymous && (
          <>
            <TextField
              id="complaint-name"
              label={t('complaintPage.name') + required}
              autoComplete="name"
              maxLength={200}
              value={draft.name}
              error={errors.name}
              onChange={(event) => change({ name: event.target.value })}
            />
            <p className="hint">{t('complaintPage.contactHint')}</p>
            <TextField
              id="complaint-email"
              type="email"
              label={t('complaintPage.email')}
              hint={t('complaintPage.emailHint')}
              autoComplete="email"
              maxLength={254}
              value={draft.email}
              error={errors.email}
              onChange={(event) => change({ email: event.target.value })}
            />
            <TextField
              id="complaint-phone"
              type="tel"
              label={t('complaintPage.phone') + optional}
              autoComplete="tel"
              maxLength={40}
              value={draft.phone}
              error={errors.phone}
              onChange={(event) => change({ phone: event.target.value })}
            />
          </>
        )}
        <TextField
          id="complaint-about"
          label={t('complaintPage.about') + optional}
          hint={t('complaintPage.aboutHint')}
          maxLength={300}
          value={draft.about}
          error={errors.about}
          onChange={(event) => change({ about: event.target.value })}
        />
        <div className={`field${errors.text ? ' field-invalid' : ''}`}>
          <label htmlFor="complaint-text">
            {t('complaintPage.text')}
            {required}
          </label>
          <p className="hint" id="complaint-text-hint">
            {t('complaintPage.textHint')}
          </p>
          {errors.text && (
            <p className="field-error" id="complaint-text-error" role="alert">
              {errors.text}
            </p>
          )}
          <textarea
            id="complaint-text"
            rows={8}
            value={draft.text}
            aria-required
            aria-invalid={errors.text ? true : undefined}
            aria-describedby={[
              'complaint-text-hint',
              errors.text ? 'complaint-text-error' : '',
              'complaint-text-counter',
            ]
              .filter(Boolean)
              .join(' ')}
            onChange={(event) => change({ text: event.target.value })}
          />
          <p id="complaint-text-counter" className="counter">
            {t('complaintPage.counter', { count: draft.text.length, max: TEXT_MAX_LENGTH })}
          </p>
        </div>
        <AttachmentsField
          files={draft.files}
          limits={limits}
          error={errors.attachments}
          onChange={(files, error) => {
            change({ files });
            if (error) setErrors((current) => ({ ...current, attachments: error }));
          }}
        />
        {progress !== null && (
          <div className="upload-progress">
            <progress id="complaint-progress" max={100} value={Math.round(progress * 100)} />
            <label htmlFor="complaint-progress" aria-live="polite">
              {t('complaintPage.sending', { percent: Math.round(progress * 100) })}
            </label>
          </div>
        )}
        {sendError !== null && (
          <div className="alert alert-error" role="alert">
            <p>{complaintErrorMessage(t, sendError)}</p>
            {isApiError(sendError) && sendError.isTransient && <p>{t('complaintPage.kept')}</p>}
          </div>
        )}
        <SubmitButton id="complaint-submit" pending={progress !== null}>
          {t('complaintPage.submit')}
        </SubmitButton>
      </form>
    </>
  );
}
