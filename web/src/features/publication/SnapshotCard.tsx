import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTime, formatNumber, formatRating } from '../../format';
import { isStorableText } from '../../validation';
import type { ResultsSnapshotView } from './publication';

/** One publication in the history: its scope, period, figures and standing; withdrawable by who may publish. */
export function SnapshotCard({
  snapshot,
  revision,
  canPublish,
  onWithdrawn,
}: {
  snapshot: ResultsSnapshotView;
  revision: number;
  canPublish: boolean;
  onWithdrawn: (label: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const reasonId = `withdraw-reason-${snapshot.id}`;
  const queryClient = useQueryClient();

  const withdraw = useMutation({
    mutationFn: (body: { reason: string }) =>
      command(`/api/results-snapshots/${encodeURIComponent(snapshot.id)}/withdraw`, body, {
        ifMatch: revision,
      }),
    onSuccess: () => {
      setWithdrawing(false);
      onWithdrawn(snapshot.label);
    },
    onError: (error) => {
      // Another publication came first: show the history as it is now, the reason stays typed.
      if (isApiError(error) && error.code === 'revision_conflict') void queryClient.invalidateQueries();
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (withdraw.isPending) return;
    const trimmed = reason.trim();
    const error = !trimmed
      ? t('validation.required')
      : isStorableText(trimmed)
        ? null
        : t('validation.invalidCharacters');
    setReasonError(error);
    if (error) {
      document.getElementById(reasonId)?.focus();
      return;
    }
    withdraw.mutate({ reason: trimmed });
  };

  const rate = (value: number) => formatRating(value, language);
  const scope =
    snapshot.scopeKind === 'organisation' ? t('publication.scopeOrganisation') : snapshot.trainingActionTitle;
  return (
    <li className="card">
      <h3 className="card-title">
        {snapshot.label} — {scope}
      </h3>
      <p className="card-meta">
        <span
          className={`badge${snapshot.status === 'current' ? ' badge-accent' : snapshot.status === 'withdrawn' ? ' badge-warning' : ''}`}
        >
          {t(`resultsStatus.${snapshot.status}`)}
        </span>
        {snapshot.stale && <span className="badge badge-warning">{t('publication.staleBadge')}</span>}
        <span>
          {t('publication.period', {
            from: formatDate(snapshot.periodFrom, language),
            to: formatDate(snapshot.periodTo, language),
          })}
        </span>
        <span>{t('publication.publishedOn', { date: formatDate(snapshot.publishedOn, language) })}</span>
      </p>
      <ul className="figure-list">
        <li>{t('publication.figTrainees', { count: formatNumber(snapshot.trainees, language) })}</li>
        <li>
          {t('publication.figRespondents', {
            count: formatNumber(snapshot.respondents, language),
            rate: rate(snapshot.responseRate),
          })}
        </li>
        {snapshot.satisfactionAverage !== null && (
          <li>{t('publication.figAverage', { value: rate(snapshot.satisfactionAverage) })}</li>
        )}
        {snapshot.satisfiedShare !== null && (
          <li>{t('publication.figShare', { value: rate(snapshot.satisfiedShare) })}</li>
        )}
        <li>{t('publication.figCompletion', { value: rate(snapshot.completionRate) })}</li>
        <li>{t('publication.figDropOut', { value: rate(snapshot.dropOutRate) })}</li>
        {snapshot.successRate !== null && (
          <li>{t('publication.figSuccess', { value: rate(snapshot.successRate) })}</li>
        )}
      </ul>
      {snapshot.note && <p>{snapshot.note}</p>}
      {snapshot.withdrawnAt && (
        <p>
          {t('publication.withdrawnNote', {
            date: formatDateTime(snapshot.withdrawnAt, language),
            reason: snapshot.withdrawalReason ?? '',
          })}
        </p>
      )}
      {canPublish && snapshot.status !== 'withdrawn' && !withdrawing && (
        <button
          type="button"
          className="button button-secondary"
          aria-label={t('publication.withdrawLabel', { label: snapshot.label })}
          onClick={() => setWithdrawing(true)}
        >
          {t('publication.withdraw')}
        </button>
      )}
      {withdrawing && (
        <form className="form" noValidate onSubmit={onSubmit}>
          <ErrorAlert error={withdraw.error} />
          <div className={`field${reasonError ? ' field-invalid' : ''}`}>
            <label htmlFor={reasonId}>{t('publication.withdrawReason')}</label>
            {reasonError && (
              <p className="field-error" id={`${reasonId}-error`} role="alert">
                {reasonError}
              </p>
            )}
            <textarea
              id={reasonId}
              rows={2}
              maxLength={500}
              value={reason}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${reasonId}-error` : undefined}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
          <div className="button-row">
            <button
              type="submit"
              className="button button-primary"
              aria-disabled={withdraw.isPending || undefined}
            >
              {t('publication.withdrawConfirm')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setWithdrawing(false)}>
              {t('publication.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
