import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../../api';

/** `GET /api/setup` (REST, so no schema type): whether the first-start setup is still to be done. */
interface SetupStatus {
  needed: boolean;
}

/** Not the organisation's data, so commands do not refresh it (the setup form sets it itself). */
export const setupStatusQuery = queryOptions({
  queryKey: ['setupStatus'],
  queryFn: () => getJson<SetupStatus>('/api/setup'),
  meta: { organisationData: false },
});

export function useSetupStatus() {
  return useQuery(setupStatusQuery);
}
