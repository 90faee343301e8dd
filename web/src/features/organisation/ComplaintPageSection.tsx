import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QrCode } from '../../components/QrCode';
import { QueryError } from '../../components/QueryError';
import { graphql } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';
import { CopyField } from '../publication/CopyField';

const ComplaintPageQuery = graphql(`
  query ComplaintPage {
    complaintPage { path generation }
  }
`);

/**
 * The public complaint page's address, to put on the website and documents: shown with a copy button and a QR
 * code; admins create it, and change it (the old one then says the page moved) after a confirmation.
 */
export function ComplaintPageSection({
  canEdit,
  onSaved,
}: {
  canEdit: boolean;
  onSaved: (section: string) => void;
}) {
  const { t } = useTranslation();
  const page = useQuery({ ...graphQLQuery(ComplaintPageQuery, {}), select: (data) => data.complaintPage });
  const [confirming, setConfirming] = useState(false);
  const title = t('complaintAddress.title');
  const issue = useMutation({
    mutationFn: () => command('/api/complaint-page/address'),
    onSuccess: () => {
      setConfirming(false);
      onSaved(title);
    },
  });
  const current = page.data;
  const url = current ? `${window.location.origin}${current.path}` : '';

  return (
    <section aria-labelledby="complaint-page-title" className="panel">
      <h2 id="complaint-page-title">{title}</h2>
      <p className="hint">{t('complaintAddress.intro')}</p>
      {page.isError && <QueryError error={page.error} onRetry={() => void page.refetch()} />}
      <ErrorAlert error={issue.error} />
      {page.isSuccess && !current && (
        <>
          <p>{canEdit ? t('complaintAddress.none') : t('complaintAddress.noneReadOnly')}</p>
          {canEdit && (
            <button
              type="button"
              className="button button-primary"
              aria-disabled={issue.isPending || undefined}
              onClick={() => !issue.isPending && issue.mutate()}
            >
              {t('complaintAddress.create')}
            </button>
          )}
        </>
      )}
      {current && (
        <>
          <CopyField
            id="complaint-page-url"
            label={title}
            value={url}
            buttonLabel={t('complaintAddress.copy')}
          />
          <QrCode text={url} size={200} label={t('complaintAddress.qrLabel')} />
          {canEdit && !confirming && (
            <div className="button-row">
              <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
                {t('complaintAddress.regenerate')}
              </button>
            </div>
          )}
          {canEdit && confirming && (
            <div className="alert alert-info">
              <p>{t('complaintAddress.regenerateHint')}</p>
              <div className="button-row">
                <button
                  type="button"
                  className="button button-primary"
                  aria-disabled={issue.isPending || undefined}
                  onClick={() => !issue.isPending && issue.mutate()}
                >
                  {t('complaintAddress.confirm')}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => setConfirming(false)}
                >
                  {t('complaintAddress.cancel')}
                </button>
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
