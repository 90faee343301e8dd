import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command, isApiError } from '../../api';

/**
 * Sends one watch command (with If-Match when a revision is given); on success reloads the reads and says so, on
 * a stale revision reloads them and says that instead. What was typed stays on any error.
 */
export function useWatchCommand(path: string, options: { revision?: number; staleMessage: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (body: object) =>
      command<{ id: string; changed?: boolean }>(
        path,
        body,
        options.revision === undefined ? {} : { ifMatch: options.revision },
      ),
    onSuccess: () => {
      setStatus(null);
      void queryClient.invalidateQueries();
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'revision_conflict') {
        setStatus(options.staleMessage);
        void queryClient.invalidateQueries();
      }
    },
  });
  return { mutation, status, setStatus, t };
}
