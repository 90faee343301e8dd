import { useQuery } from '@tanstack/react-query';
import { graphql } from '../api';
import { queryKeys } from './keys';

export const REFERENTIAL_VERSIONS = ['2019', '2026'] as const;

export interface ReferentialIndicator {
  number: number;
  title: string;
  majorOnly: boolean;
  appliesTo: string[];
}

export interface Referential {
  version: string;
  label: string;
  status: string;
  statusNote: string | null;
  criteria: { number: number; title: string; indicators: ReferentialIndicator[] }[];
}

const REFERENTIAL_QUERY = `query Referential($version: String) {
  referential(version: $version) {
    version label status statusNote
    criteria { number title indicators { number title majorOnly appliesTo } }
  }
}`;

/** A version of the national quality referential (the server's current one when `version` is null). */
export function useReferential(version: string | null) {
  return useQuery({
    queryKey: queryKeys.referential(version),
    queryFn: async () =>
      (await graphql<{ referential: Referential | null }>(REFERENTIAL_QUERY, { version })).referential,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
