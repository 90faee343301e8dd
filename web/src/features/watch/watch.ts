import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf, type WatchStatus, type WatchTheme } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const WatchRegisterQuery = graphql(`
  query WatchRegister(
    $theme: WatchTheme
    $status: WatchStatus
    $notExploited: Boolean
    $from: Date
    $to: Date
    $search: String
  ) {
    watchNotes(theme: $theme, status: $status, notExploited: $notExploited, from: $from, to: $to, search: $search) {
      id theme title sourceName informationOn recordedOn status impact exploitDueOn notExploited
      communicationMissing communications
    }
    watchCounters { theme total toAnalyse notExploited communicationMissing }
  }
`);

export interface WatchFilter {
  theme: WatchTheme | null;
  status: WatchStatus | null;
  notExploited: boolean;
  from: string;
  to: string;
  search: string;
}

/** The register under a filter, with the counters per theme. */
export function useWatchRegister(filter: WatchFilter) {
  return useQuery(
    graphQLQuery(WatchRegisterQuery, {
      theme: filter.theme,
      status: filter.status,
      notExploited: filter.notExploited ? true : null,
      from: filter.from || null,
      to: filter.to || null,
      search: filter.search.trim() || null,
    }),
  );
}

const WatchSettingsQuery = graphql(`
  query WatchSettings { watchSettings { exploitWithinDays revision } }
`);

export function useWatchSettings() {
  return useQuery({ ...graphQLQuery(WatchSettingsQuery, {}), select: (data) => data.watchSettings });
}

const WatchNoteQuery = graphql(`
  query WatchNote($id: ID!) {
    watchNote(id: $id) {
      id theme indicators title sourceName sourceUrl informationOn summary erased recordedOn recordedByName
      status impact analysis decision changes analysedOn communications exploitDueOn notExploited
      communicationMissing archived revision
      steps {
        revision step on impact channel text decision changes byName at
        audience { groups members { userId displayName } }
      }
      improvementRequests { requestId title requestedByName requestedAt }
    }
  }
`);

/** One note with its timeline (null when unknown). */
export function useWatchNote(id: string) {
  return useQuery({ ...graphQLQuery(WatchNoteQuery, { id }), select: (data) => data.watchNote });
}

export type WatchNoteView = NonNullable<ResultOf<typeof WatchNoteQuery>['watchNote']>;
