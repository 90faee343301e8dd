import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api';
import { queryKeys } from './keys';

export interface SetupStatus {
  needed: boolean;
}

/** Whether the first-start setup is still to be done (`GET /api/setup`). */
export function useSetupStatus() {
  return useQuery({ queryKey: queryKeys.setup, queryFn: () => getJson<SetupStatus>('/api/setup') });
}

export interface SetupInput {
  token: string;
  organisationName: string;
  name: string;
  email: string;
  password: string;
}
