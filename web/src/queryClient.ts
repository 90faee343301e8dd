import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api';
import { viewerQuery } from './data/viewer';
import { retryDelay, shouldRetry } from './retryPolicy';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: {
      /** `false` for reads that are not the organisation's data (the setup status). */
      organisationData?: false;
    };
    mutationMeta: {
      /** `false` for a command after which the page is left at once (logout): nothing to refresh. */
      refreshesReads?: false;
    };
  }
}

/** An expired session anywhere forgets the viewer, so the authenticated layout redirects to the login page. */
function onError(error: unknown): void {
  if (isApiError(error) && error.code === 'unauthenticated') {
    queryClient.setQueryData(viewerQuery.queryKey, { me: null });
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({
    onError,
    /**
     * After any successful command every read of the organisation's data is stale: those on screen refetch now
     * (with `X-Min-Position`, so they include the command's events), the others when next shown. No list says
     * which reads a command changes, so a new slice's reads are refreshed without touching this file. The
     * command's own `onSuccess` runs after this, so a form confirms once the page shows the change.
     */
    onSuccess: async (_answer, _input, _context, mutation) => {
      if (mutation.meta?.refreshesReads === false) return;
      await queryClient.invalidateQueries({ predicate: (query) => query.meta?.organisationData !== false });
    },
  }),
  defaultOptions: {
    queries: { retry: shouldRetry, retryDelay, staleTime: 10_000 },
    mutations: { retry: false },
  },
});
