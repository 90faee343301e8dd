import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { command, isApiError } from '../../api';

/**
 * Sends one command of the network, with the network's revision as If-Match when given. Success reloads the
 * reads; a stale revision reloads them too and sets `stale`, so the form says so and keeps what was typed.
 */
export function useNetworkCommand(path: string, revision?: number) {
  const queryClient = useQueryClient();
  const [stale, setStale] = useState(false);
  const mutation = useMutation({
    mutationFn: (body: object) =>
      command<{ id: string; changed?: boolean }>(
        path,
        body,
        revision === undefined ? {} : { ifMatch: revision },
      ),
    onMutate: () => setStale(false),
    onSuccess: () => void queryClient.invalidateQueries(),
    onError: (error) => {
      if (isApiError(error) && error.code === 'revision_conflict') {
        setStale(true);
        void queryClient.invalidateQueries();
      }
    },
  });
  return { mutation, stale };
}
