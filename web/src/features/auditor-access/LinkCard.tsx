import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { AuditorLinkStatus } from '../../data/graphql';
import { formatDate, formatDateTime } from '../../format';
import type { AuditorLinkView, AuditView } from './auditorAccess';

const STATUS_BADGES: Record<AuditorLinkStatus, string> = {
  scheduled: '',
  active: 'badge-status-open',
  expired: 'badge-status-expired',
  revoked: 'badge-status-closed',
};

/** One link: who it is for, its days and status, its last use, every use; revocable while it may still open. */
export function LinkCard({
  link,
  audit,
  onDone,
}: {
  link: AuditorLinkView;
  audit: AuditView | undefined;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const panelId = useId();
  const revoke = useMutation({
    mutationFn: () => command(`/api/auditor-access/links/${link.id}/revoke`),
    onSuccess: () => {
      setConfirming(false);
      onDone(t('auditorAccess.revoked'));
      void queryClient.invalidateQueries();
    },
  });
  const canRevoke = link.status === 'active' || link.status === 'scheduled';

  return (
    <li className="card" data-link={link.id}>
      <h3 className="card-title">
        {link.auditorName}{' '}
        <span className={`badge ${STATUS_BADGES[link.status]}`}>{t(`auditorLinkStatus.${link.status}`)}</span>
      </h3>
      <p className="card-meta">{link.auditorEmail}</p>
      <p>
        {t('auditorAccess.window', {
          from: formatDate(link.from, i18n.language),
          until: formatDate(link.until, i18n.language),
        })}
      </p>
      {audit && (
        <p>
          {t('auditorAccess.forAudit', {
            kind: t(`cycleAuditKinds.${audit.kind}`),
            date: formatDate(audit.plannedFrom, i18n.language),
          })}
        </p>
      )}
      <p>
        {link.binderExportIds
          ? t('auditorAccess.coversSome', { count: link.binderExportIds.length })
          : t('auditorAccess.coversAll')}
      </p>
      <p>
        {link.lastUsedAt
          ? t('auditorAccess.lastUse', { at: formatDateTime(link.lastUsedAt, i18n.language) })
          : t('auditorAccess.neverUsed')}
      </p>
      {link.uses.length > 0 && (
        <details>
          <summary>{t('auditorAccess.usesTitle', { count: link.useCount })}</summary>
          <ul>
            {link.uses.map((use) => (
              <li key={use.id}>
                {formatDateTime(use.at, i18n.language)} — {t(`auditorAccessKinds.${use.what}`)}
                {use.origin && ` — ${t('auditorAccess.origin', { origin: use.origin })}`}
              </li>
            ))}
          </ul>
        </details>
      )}
      {canRevoke && (
        <>
          <div className="button-row">
            <button
              type="button"
              className="button button-secondary"
              aria-expanded={confirming}
              aria-controls={confirming ? panelId : undefined}
              onClick={() => setConfirming(!confirming)}
            >
              {t('auditorAccess.revoke', { name: link.auditorName })}
            </button>
          </div>
          {confirming && (
            <div id={panelId} className="panel">
              <ErrorAlert error={revoke.error} />
              <p>{t('auditorAccess.revokeConfirm', { name: link.auditorName })}</p>
              <button
                type="button"
                className="button button-danger"
                aria-disabled={revoke.isPending || undefined}
                onClick={() => {
                  if (!revoke.isPending) revoke.mutate();
                }}
              >
                {t('auditorAccess.confirmRevoke')}
              </button>{' '}
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                {t('auditorAccess.cancel')}
              </button>
            </div>
          )}
        </>
      )}
    </li>
  );
}
