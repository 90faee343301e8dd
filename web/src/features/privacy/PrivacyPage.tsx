import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { useViewer } from '../../data/viewer';
import { codeLabel } from '../../errorMessages';
import { formatDateTime } from '../../format';
import { isEmail } from '../../validation';
import {
  downloadExport,
  type ErasureReason,
  type ExportFormat,
  type PersonalDataSubject,
  usePersonalDataSubjects,
  usePrivacyRequests,
} from './privacyData';

const REASONS: readonly ErasureReason[] = ['subject_request', 'retention_expired', 'unlawful_processing'];

/** `/personal-data`: subject access for the organisation's administrators. */
export function PrivacyPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const isAdmin = viewer.data?.role === 'admin';
  return (
    <>
      <PageTitle page={t('privacy.title')} />
      <h1>{t('privacy.title')}</h1>
      {isAdmin ? <SubjectAccess /> : <p>{t('privacy.adminsOnly')}</p>}
    </>
  );
}

function SubjectAccess() {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [status, setStatus] = useState<string | null>(null);
  const subjects = usePersonalDataSubjects(searched);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = typed.trim();
    if (!email) {
      setFieldError(t('validation.required'));
      document.getElementById('privacy-email')?.focus();
      return;
    }
    if (!isEmail(email)) {
      setFieldError(t('validation.email'));
      document.getElementById('privacy-email')?.focus();
      return;
    }
    setFieldError(undefined);
    setStatus(null);
    setSearched(email);
  };

  return (
    <>
      <p>{t('privacy.intro')}</p>
      <form className="form panel" aria-label={t('privacy.searchLabel')} noValidate onSubmit={onSubmit}>
        <TextField
          id="privacy-email"
          name="email"
          type="email"
          autoComplete="off"
          inputMode="email"
          spellCheck={false}
          required
          label={t('privacy.searchLabel')}
          hint={t('privacy.searchHint')}
          value={typed}
          error={fieldError}
          onChange={(event) => setTyped(event.target.value)}
        />
        <SubmitButton pending={subjects.isFetching}>{t('privacy.search')}</SubmitButton>
      </form>
      <StatusMessage>{status}</StatusMessage>
      {searched !== null && (
        <section aria-labelledby="privacy-results">
          <h2 id="privacy-results">{t('privacy.resultsTitle')}</h2>
          {subjects.isPending && <Loading />}
          {subjects.isError && <QueryError error={subjects.error} onRetry={() => void subjects.refetch()} />}
          {subjects.data && <SubjectList subjects={subjects.data.personalDataSubjects} onDone={setStatus} />}
        </section>
      )}
      <History />
    </>
  );
}

function SubjectList({
  subjects,
  onDone,
}: {
  subjects: readonly PersonalDataSubject[];
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  if (subjects.length === 0) return <p>{t('privacy.noResult')}</p>;
  return (
    <>
      <p>{t('privacy.found', { count: subjects.length })}</p>
      <DownloadButtons
        subjectIds={subjects.map((subject) => subject.id)}
        onDone={onDone}
        labels={{ json: t('privacy.downloadAll'), html: t('privacy.downloadHtml') }}
      />
      <ul className="card-list">
        {subjects.map((subject) => (
          <SubjectCard key={subject.id} subject={subject} onDone={onDone} />
        ))}
      </ul>
    </>
  );
}

function DownloadButtons({
  subjectIds,
  onDone,
  labels,
  ariaLabels,
}: {
  subjectIds: readonly string[];
  onDone: (message: string) => void;
  labels: Record<ExportFormat, string>;
  ariaLabels?: Record<ExportFormat, string>;
}) {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: (format: ExportFormat) => downloadExport(subjectIds, format),
    onSuccess: () => onDone(t('privacy.downloaded')),
  });
  return (
    <>
      <div className="link-actions">
        {(['json', 'html'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button button-secondary"
            aria-label={ariaLabels?.[format]}
            aria-disabled={download.isPending || undefined}
            onClick={() => {
              if (!download.isPending) download.mutate(format);
            }}
          >
            {labels[format]}
          </button>
        ))}
      </div>
      <ErrorAlert error={download.error} />
    </>
  );
}

function SubjectCard({
  subject,
  onDone,
}: {
  subject: PersonalDataSubject;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [erasing, setErasing] = useState(false);
  const eraseButton = useRef<HTMLButtonElement>(null);
  const kind = t(`subjectKinds.${subject.kind}`);
  const name = `${kind} ${subject.id.slice(subject.id.indexOf(':') + 1, subject.id.indexOf(':') + 9)}`;
  return (
    <li className="card">
      <h3 className="card-title">
        {kind} <span className="card-meta">{subject.id}</span>
      </h3>
      <p className="card-meta">
        {subject.erased && <span className="badge badge-accent">{t('privacy.erasedBadge')}</span>}
        <span>
          {t('privacy.period', {
            first: formatDateTime(subject.first, i18n.language),
            last: formatDateTime(subject.last, i18n.language),
          })}
        </span>
      </p>
      <ul>
        {subject.events.map((event) => (
          <li key={event.type}>
            {t('privacy.eventCount', {
              count: event.count,
              label: codeLabel(t, 'subjectEventTypes', event.type),
            })}
          </li>
        ))}
      </ul>
      <DownloadButtons
        subjectIds={[subject.id]}
        onDone={onDone}
        labels={{ json: t('privacy.downloadJson'), html: t('privacy.downloadHtml') }}
        ariaLabels={{
          json: t('privacy.downloadJsonOf', { subject: name }),
          html: t('privacy.downloadHtmlOf', { subject: name }),
        }}
      />
      {!subject.erased &&
        (erasing ? (
          <EraseConfirmation
            subjectId={subject.id}
            name={name}
            onCancel={() => {
              setErasing(false);
              requestAnimationFrame(() => eraseButton.current?.focus());
            }}
            onErased={() => {
              setErasing(false);
              onDone(t('privacy.erased', { subject: name }));
            }}
          />
        ) : (
          <div className="link-actions">
            <button
              ref={eraseButton}
              type="button"
              className="button button-secondary button-danger"
              aria-label={t('privacy.eraseOf', { subject: name })}
              aria-expanded={false}
              onClick={() => setErasing(true)}
            >
              {t('privacy.erase')}
            </button>
          </div>
        ))}
    </li>
  );
}

/** The second step of an erasure: a reason from the closed list, a warning, then the final button. */
function EraseConfirmation({
  subjectId,
  name,
  onCancel,
  onErased,
}: {
  subjectId: string;
  name: string;
  onCancel: () => void;
  onErased: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [reason, setReason] = useState<ErasureReason | null>(null);
  const [reasonError, setReasonError] = useState<string | undefined>();
  const erase = useMutation({
    mutationFn: (chosen: ErasureReason) =>
      command(`/api/privacy/subjects/${encodeURIComponent(subjectId)}/erase`, { reason: chosen }),
    onSuccess: onErased,
  });
  useEffect(() => heading.current?.focus(), []);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (erase.isPending) return;
    if (!reason) {
      setReasonError(t('privacy.reasonRequired'));
      return;
    }
    setReasonError(undefined);
    erase.mutate(reason);
  };

  return (
    <form
      className="form panel"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <h4 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('privacy.eraseTitle', { subject: name })}
      </h4>
      <p>{t('privacy.eraseWarning')}</p>
      <fieldset
        aria-describedby={reasonError ? `${id}-error` : undefined}
        aria-invalid={reasonError ? true : undefined}
      >
        <legend>{t('privacy.reasonLegend')}</legend>
        {reasonError && (
          <p className="field-error" id={`${id}-error`} role="alert">
            {reasonError}
          </p>
        )}
        {REASONS.map((value) => (
          <div className="choice" key={value}>
            <input
              type="radio"
              id={`${id}-${value}`}
              name={`${id}-reason`}
              value={value}
              checked={reason === value}
              onChange={() => setReason(value)}
            />{' '}
            <label htmlFor={`${id}-${value}`}>{t(`erasureReasons.${value}`)}</label>
          </div>
        ))}
      </fieldset>
      <ErrorAlert error={erase.error} />
      <div className="link-actions">
        <button
          type="submit"
          className="button button-secondary button-danger"
          aria-disabled={erase.isPending || undefined}
        >
          {t('privacy.confirmErase')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('privacy.cancel')}
        </button>
      </div>
    </form>
  );
}

function History() {
  const { t, i18n } = useTranslation();
  const requests = usePrivacyRequests();
  return (
    <section aria-labelledby="privacy-history">
      <h2 id="privacy-history">{t('privacy.historyTitle')}</h2>
      {requests.isPending && <Loading />}
      {requests.isError && <QueryError error={requests.error} onRetry={() => void requests.refetch()} />}
      {requests.data && requests.data.length === 0 && <p>{t('privacy.historyEmpty')}</p>}
      {requests.data && requests.data.length > 0 && (
        <ul className="card-list">
          {requests.data.map((request) => (
            <li key={request.id} className="card">
              <p className="card-title">
                {request.kind === 'export'
                  ? t('privacy.historyExport', {
                      format: request.format ? t(`exportFormats.${request.format}`) : '',
                      count: request.subjectIds.length,
                    })
                  : t('privacy.historyErasure', {
                      reason: request.reason ? t(`erasureReasons.${request.reason}`) : '',
                    })}
              </p>
              <p className="card-meta">
                <span>{formatDateTime(request.occurredAt, i18n.language)}</span>
                <span>
                  {request.actorName
                    ? t('privacy.historyBy', { name: request.actorName })
                    : t('privacy.historyBySomeone')}
                </span>
                <span>{request.subjectIds.join(', ')}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
