import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Closes an open feedback link: it accepts no more answers (answers already received stay). */
export function CloseLinkButton({ linkId, label }: { linkId: string; label: string }) {
  const { t } = useTranslation();
  const close = useMutation({
    mutationFn: () => command(`/api/feedback-links/${encodeURIComponent(linkId)}/close`, {}),
  });
  return (
    <div className="link-actions">
      <button
        type="button"
        className="button button-secondary button-danger"
        aria-label={label}
        aria-disabled={close.isPending || undefined}
        onClick={() => {
          if (!close.isPending && window.confirm(t('links.closeConfirm'))) close.mutate();
        }}
      >
        {t('links.close')}
      </button>
      <ErrorAlert error={close.error} />
    </div>
  );
}
