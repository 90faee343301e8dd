import { useMutation, useQuery } from '@tanstack/react-query';
import { command } from '../../api';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const RetentionSettingsQuery = graphql(`
  query RetentionSettings {
    retentionSettings {
      revision minMonths maxMonths
      categories { category months defaultMonths isDefault dueNow dueSoon }
    }
  }
`);

export type RetentionSettings = ResultOf<typeof RetentionSettingsQuery>['retentionSettings'];
export type RetentionCategory = RetentionSettings['categories'][number]['category'];

/** The organisation's retention periods and what is due to be erased (administrators only). */
export function useRetentionSettings() {
  return useQuery({
    ...graphQLQuery(RetentionSettingsQuery, {}),
    select: (data) => data.retentionSettings,
  });
}

/** Sets periods, in months, on the settings as the page shows them (their revision goes as If-Match). */
export function useSetRetentionPeriods(
  settings: RetentionSettings,
  options: { onSuccess?: (answer: { changed: boolean }) => void; onError?: (error: unknown) => void },
) {
  return useMutation({
    mutationFn: (periods: Partial<Record<RetentionCategory, number>>) =>
      command<{ changed: boolean; position: number }>(
        '/api/retention/periods',
        { periods },
        { ifMatch: settings.revision },
      ),
    onSuccess: options.onSuccess,
    onError: options.onError,
  });
}
