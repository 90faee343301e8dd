import { queryOptions } from '@tanstack/react-query';
import { fetchGraphQL } from './fetchGraphQL';
import type { TadaDocumentNode } from './graphql';

/** The name of a document's operation (`query Dashboard { … }`): the first part of its query keys. */
export function operationName<Result, Variables>(document: TadaDocumentNode<Result, Variables>): string {
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition' && definition.name) return definition.name.value;
  }
  throw new Error('The web app names every GraphQL operation: its name keys the cache');
}

/**
 * The options of a GraphQL read for `useQuery` and the query client, keyed `[operation, variables]`: no key is
 * kept by hand, and a command refreshes every read (see `queryClient.ts`).
 */
export function graphQLQuery<Result, Variables>(
  document: TadaDocumentNode<Result, Variables>,
  variables: Variables,
) {
  return queryOptions({
    queryKey: [operationName(document), variables] as const,
    queryFn: () => fetchGraphQL(document, variables),
  });
}
