import { useQuery } from '@tanstack/react-query';
import { graphql } from '../api';
import { queryKeys } from './keys';

export interface Viewer {
  id: string;
  email: string;
  displayName: string;
  role: string;
  organisation: { id: string; name: string };
}

const ME_QUERY = `query Me {
  me { id email displayName role organisation { id name } }
}`;

export async function fetchViewer(): Promise<Viewer | null> {
  const data = await graphql<{ me: Viewer | null }>(ME_QUERY);
  return data.me;
}

/** The signed-in user, or null when not logged in. */
export function useViewer() {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchViewer });
}
