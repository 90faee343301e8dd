import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { useViewer } from '../../data/viewer';
import { formatDate, formatDateTime, formatSize } from '../../format';
import { BinderForm } from './BinderForm';
import { type BinderView, useBinderDefaults, useBinders } from './binders';

/**
 * `/binders`: audit binders. Those who prepare the audit produce one for a period (progress shown while it is
 * written); they and the auditor download them, with the archive's hash, the signing key's fingerprint and how to
 * verify a binder offline.
 */
export function BindersPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const role = viewer.data?.role;
  const canProduce = role === 'admin' || role === 'quality_manager';
  const binders = useBinders();
  const defaults = useBinderDefaults(canProduce);
  const [status, setStatus] = useState<string | null>(null);
  if (binders.isPending) return <Loading />;
  if (binders.isError) return <QueryError error={binders.error} onRetry={() => void binders.refetch()} />;
  const { binderExports, binderSigningKey } = binders.data;

  return (
    <>
      <PageTitle page={t('binders.title')} />
      <h1>{t('binders.title')}</h1>
      <p>{t('binders.intro')}</p>
      {role !== undefined && !canProduce && <p>{t('binders.readOnly')}</p>}
      <StatusMessage>{status}</StatusMessage>

      {canProduce && (
        <section aria-labelledby="binders-new">
          <h2 id="binders-new">{t('binders.newTitle')}</h2>
          {defaults.isPending ? (
            <Loading />
          ) : defaults.isError ? (
            <QueryError error={defaults.error} onRetry={() => void defaults.refetch()} />
          ) : (
            <BinderForm defaults={defaults.data} onDone={setStatus} />
          )}
        </section>
      )}

      <section aria-labelledby="binders-list">
        <h2 id="binders-list">{t('binders.listTitle')}</h2>
        {binderExports.length === 0 ? (
          <p>{t('binders.none')}</p>
        ) : (
          <ul className="card-list">
            {binderExports.map((binder) => (
              <BinderCard key={binder.id} binder={binder} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="binders-verify">
        <h2 id="binders-verify">{t('binders.keyTitle')}</h2>
        {binderSigningKey ? (
          <>
            <p>
              {t('binders.fingerprint')} :{' '}
              <code className="break-anywhere">{binderSigningKey.fingerprint}</code>
            </p>
            <p className="hint">{t('binders.fingerprintHint')}</p>
            <details>
              <summary>{t('binders.publicKey')}</summary>
              <pre className="break-anywhere">{binderSigningKey.publicKeyPem}</pre>
            </details>
          </>
        ) : (
          <p>{t('binders.noKey')}</p>
        )}
        <p>{t('binders.verifyIntro')}</p>
        <ul>
          <li>
            {t('binders.verifySums')}{' '}
            <code>unzip dossier.zip -d dossier && cd dossier && sha256sum -c SHA256SUMS</code>
          </li>
          <li>
            {t('binders.verifyFull')}{' '}
            <code className="break-anywhere">
              npm run verify-export -- dossier.zip --fingerprint "
              {binderSigningKey?.fingerprint ?? 'SHA256:…'}"
            </code>
          </li>
        </ul>
      </section>
    </>
  );
}

function BinderCard({ binder }: { binder: BinderView }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const titleId = `binder-${binder.id}`;
  return (
    <li className="card" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t('binders.period', {
          from: formatDate(binder.from, language),
          to: formatDate(binder.to, language),
        })}
      </h3>
      <p>
        <strong>{t(`binderStatuses.${binder.status}`)}</strong> —{' '}
        {t('binders.asOfLabel', { date: formatDateTime(binder.asOf, language) })}
        {' — '}
        {t('binders.indicatorsCount', { count: binder.indicators.length })}
        {binder.items !== null && <> — {t('binders.itemsCount', { count: binder.items })}</>}
      </p>
      {binder.status === 'requested' && <BinderProgress binder={binder} />}
      {binder.status === 'completed' && binder.downloadUrl && (
        <>
          <p>
            <a
              className="button button-primary"
              href={binder.downloadUrl}
              download={binder.fileName ?? undefined}
            >
              {t('binders.download', {
                name: binder.fileName,
                size: formatSize(binder.bytes ?? 0, language),
              })}
            </a>
          </p>
          <dl className="contact-details">
            <dt>{t('binders.sha256')}</dt>
            <dd>
              <code className="break-anywhere">{binder.sha256}</code>
            </dd>
            <dt>{t('binders.signedBy')}</dt>
            <dd>
              <code className="break-anywhere">{binder.fingerprint}</code>
            </dd>
          </dl>
        </>
      )}
      {binder.status === 'failed' && <p role="alert">{t('binders.failed', { code: binder.failure })}</p>}
      {binder.status === 'discarded' && <p>{t('binders.discarded')}</p>}
    </li>
  );
}

function BinderProgress({ binder }: { binder: BinderView }) {
  const { t } = useTranslation();
  const progress = binder.progress;
  const id = `binder-progress-${binder.id}`;
  const key = progress ? stepKey(progress.step) : undefined;
  const step = key ? t(key) : progress?.step;
  if (!progress || progress.total === 0) {
    return (
      <div className="upload-progress">
        <label htmlFor={id}>{t('binders.progress')}</label>
        <progress id={id} />
        <p>{progress ? t('binders.progressStep', { step }) : t('binders.waiting')}</p>
      </div>
    );
  }
  return (
    <div className="upload-progress">
      <label htmlFor={id}>{t('binders.progress')}</label>
      <progress id={id} max={progress.total} value={progress.done} />
      <p>{t('binders.progressStep', { step })}</p>
    </div>
  );
}

const STEP_LABELS = {
  start: 'binderSteps.start',
  pdf: 'binderSteps.pdf',
  tables: 'binderSteps.tables',
  documents: 'binderSteps.documents',
  events: 'binderSteps.events',
  manifest: 'binderSteps.manifest',
  done: 'binderSteps.done',
  queued: 'binderSteps.queued',
} as const;

/** The message key of a writer's step (an unknown step reads as itself). */
const stepKey = (step: string) =>
  Object.hasOwn(STEP_LABELS, step) ? STEP_LABELS[step as keyof typeof STEP_LABELS] : undefined;
