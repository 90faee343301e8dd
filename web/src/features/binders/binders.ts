import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const BindersQuery = graphql(`
  query Binders {
    binderExports(limit: 30) {
      id from to indicators asOf status fileName sha256 bytes fingerprint items failure downloadUrl
      progress { done total step }
    }
    binderSigningKey { fingerprint publicKeyPem }
  }
`);

const BinderDefaultsQuery = graphql(`
  query BinderDefaults {
    binderDefaults { from to applicable }
  }
`);

/** The organisation's binders and its signing key; read again every second while one is being written. */
export function useBinders() {
  return useQuery({
    ...graphQLQuery(BindersQuery, {}),
    refetchInterval: (query) =>
      query.state.data?.binderExports.some((binder) => binder.status === 'requested') ? 1000 : false,
  });
}

/** What a new binder covers unless told otherwise. */
export function useBinderDefaults(enabled: boolean) {
  return useQuery({
    ...graphQLQuery(BinderDefaultsQuery, {}),
    enabled,
    select: (data) => data.binderDefaults,
  });
}

export type BinderView = ResultOf<typeof BindersQuery>['binderExports'][number];
export type BinderDefaultsView = ResultOf<typeof BinderDefaultsQuery>['binderDefaults'];
