import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { command, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { formatDate, formatDateTime, formatSize } from '../../format';
import { type EvidenceDocumentView, useEvidenceDocument } from './documents';
import { VersionForm } from './VersionForm';

type Say = (message: string) => void;

/** Withdraws the document with a reason, on the revision shown. */
function WithdrawForm({ document, onDone }: { document: EvidenceDocumentView; onDone: Say }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const [stale, setStale] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () =>
      command(
        `/api/evidence-documents/${encodeURIComponent(document.id)}/withdraw`,
        { reason },
        { ifMatch: document.revision },
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries();
      onDone(t('evidenceDocument.withdrawnDone'));
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'revision_conflict') {
        setStale(t('evidenceDocument.stale'));
        void queryClient.invalidateQueries();
      }
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setStale(null);
    if (!reason.trim()) {
      setMissing(t('validation.required'));
      window.document.getElementById('document-withdraw-reason')?.focus();
      return;
    }
    setMissing(undefined);
    mutation.mutate();
  };
  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={stale ? null : mutation.error} message={stale} />
      <p>{t('evidenceDocument.withdrawHint')}</p>
      <TextAreaField
        id="document-withdraw-reason"
        label={t('evidenceDocument.withdrawReason')}
        rows={2}
        maxLength={1000}
        required
        value={reason}
        error={missing}
        onChange={(event) => setReason(event.target.value)}
      />
      <SubmitButton pending={mutation.isPending}>{t('evidenceDocument.withdraw')}</SubmitButton>
    </form>
  );
}

/** `/evidence-documents/:id`: the current version, every version with its file, a new version, the withdrawal. */
export function DocumentPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const found = useEvidenceDocument(id);
  const [status, setStatus] = useState<string | null>(null);

  if (found.isPending) return <Loading />;
  if (found.isError) return <QueryError error={found.error} onRetry={() => void found.refetch()} />;
  const data = found.data;
  if (!data) {
    return (
      <>
        <PageTitle page={t('evidenceDocument.notFound')} />
        <h1>{t('evidenceDocument.notFound')}</h1>
        <Link to="/evidence-documents">{t('evidenceDocument.back')}</Link>
      </>
    );
  }
  const date = (day: string) => formatDate(day, i18n.language);
  const size = (bytes: number) => formatSize(bytes, i18n.language);

  return (
    <>
      <PageTitle page={data.title} />
      <p>
        <Link to="/evidence-documents">{t('evidenceDocument.back')}</Link>
      </p>
      <h1>{data.title}</h1>
      <StatusMessage>{status}</StatusMessage>
      <p className="card-meta">
        <span className="badge">{t('evidenceDocuments.version', { version: data.version })}</span>
        {data.withdrawn && <span className="badge badge-warning">{t('evidenceDocuments.withdrawn')}</span>}
        <span>{t('evidenceDocuments.datedOn', { date: date(data.on) })}</span>
        <span>{t('evidenceDocuments.indicators', { list: data.indicators.join(', ') })}</span>
      </p>
      {data.withdrawn && data.withdrawnOn && (
        <p>
          {data.withdrawnByName
            ? t('evidenceDocument.withdrawnBy', { date: date(data.withdrawnOn), name: data.withdrawnByName })
            : t('evidenceDocument.withdrawnOn', { date: date(data.withdrawnOn) })}
          {data.withdrawnReason && ` — ${t('evidenceDocument.reason', { reason: data.withdrawnReason })}`}
        </p>
      )}
      {data.note && <p>{data.note}</p>}
      <p>
        <a href={data.downloadUrl} download={data.fileName}>
          {t('evidenceDocuments.download', { name: data.fileName, size: size(data.size) })}
        </a>
      </p>

      <section aria-labelledby="document-history">
        <h2 id="document-history">{t('evidenceDocument.historyTitle')}</h2>
        <ol className="card-list">
          {data.versions.map((version) => (
            <li key={version.version} className="card">
              <h3 className="card-title">
                {t('evidenceDocuments.version', { version: version.version })} — {version.title}
              </h3>
              <p className="card-meta">
                {version.version === data.version && !data.withdrawn && (
                  <span className="badge badge-accent">{t('evidenceDocument.current')}</span>
                )}
                <span>{t('evidenceDocuments.datedOn', { date: date(version.on) })}</span>
                <span>{t('evidenceDocuments.indicators', { list: version.indicators.join(', ') })}</span>
                <span>
                  {version.addedByName
                    ? t('evidenceDocument.addedBy', {
                        date: formatDateTime(version.addedAt, i18n.language),
                        name: version.addedByName,
                      })
                    : t('evidenceDocument.addedAt', { date: formatDateTime(version.addedAt, i18n.language) })}
                </span>
              </p>
              {version.note && <p>{version.note}</p>}
              <p>
                <a href={version.downloadUrl} download={version.fileName}>
                  {t('evidenceDocuments.download', { name: version.fileName, size: size(version.size) })}
                </a>
              </p>
            </li>
          ))}
        </ol>
      </section>

      {data.canManage && !data.withdrawn && (
        <>
          <section aria-labelledby="document-new-version">
            <h2 id="document-new-version">{t('evidenceDocument.newVersionTitle')}</h2>
            <VersionForm key={data.revision} current={data} onDone={setStatus} />
          </section>
          <section aria-labelledby="document-withdraw">
            <h2 id="document-withdraw">{t('evidenceDocument.withdrawTitle')}</h2>
            <WithdrawForm key={data.revision} document={data} onDone={setStatus} />
          </section>
        </>
      )}
    </>
  );
}
