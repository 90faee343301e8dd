import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commandForm, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';

/** Attaches one evidence file to an action (checked by content on the server), with the revision shown. */
export function EvidenceUpload({
  actionId,
  revision,
  onDone,
}: {
  actionId: string;
  revision: number;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const send = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return commandForm(`/api/improvement-actions/${encodeURIComponent(actionId)}/evidence`, form, {
        ifMatch: revision,
      });
    },
    onSuccess: () => {
      setError(null);
      if (input.current) input.current.value = '';
      onDone();
      void queryClient.invalidateQueries();
    },
    onError: (failure) => {
      setError(isApiError(failure) && failure.code === 'revision_conflict' ? null : failure);
      if (isApiError(failure) && failure.code === 'revision_conflict') void queryClient.invalidateQueries();
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    setMissing(!file);
    if (file && !send.isPending) send.mutate(file);
  };
  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={error} />
      <div className={`field${missing ? ' field-invalid' : ''}`}>
        <label htmlFor="action-evidence-file">{t('improvement.file')}</label>
        {missing && (
          <p className="field-error" id="action-evidence-file-error" role="alert">
            {t('validation.required')}
          </p>
        )}
        <input
          id="action-evidence-file"
          type="file"
          ref={input}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? 'action-evidence-file-error' : undefined}
        />
      </div>
      <SubmitButton pending={send.isPending}>{t('improvement.attach')}</SubmitButton>
    </form>
  );
}
