import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { command } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { refreshAfterWrite } from '../queryClient';

/** Closes an open feedback link: it accepts no more answers (answers already received stay). */
export function CloseLinkButton({ linkId, label }: { linkId: string; label: string }) {
  const { t } = useTranslation();
  const close = useMutation({
    mutationFn: () => command(`/api/feedback-links/${encodeURIComponent(linkId)}/close`, {}),
    onSuccess: () => refreshAfterWrite(),
  });
  return (
    <>
      <button
        type="button"
        className="button-link"
        aria-label={label}
        disabled={close.isPending}
        onClick={() => {
          if (window.confirm(t('session.closeLinkConfirm'))) close.mutate();
        }}
      >
        {t('session.closeLink')}
      </button>
      <ErrorAlert error={close.error} />
    </>
  );
}
