import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from './graphql';
import { graphQLQuery } from './query';

const ViewerQuery = graphql(`
  query Viewer {
    me { id email displayName role organisation { id name } }
  }
`);

/** The signed-in user, as the header shows them. */
export type Viewer = NonNullable<ResultOf<typeof ViewerQuery>['me']>;

/** The read of the signed-in user (`me` is null when nobody is signed in). */
export const viewerQuery = graphQLQuery(ViewerQuery, {});

/** The signed-in user, or null when not logged in. */
export function useViewer() {
  return useQuery({ ...viewerQuery, select: (data) => data.me });
}
