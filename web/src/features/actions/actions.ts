import { useQuery } from '@tanstack/react-query';
import {
  graphql,
  type ImprovementActionOriginType,
  type ImprovementActionStatus,
  type ResultOf,
} from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const ActionsQuery = graphql(`
  query ImprovementActions(
    $status: ImprovementActionStatus, $originType: ImprovementActionOriginType, $ownerId: ID,
    $dueFrom: Date, $dueTo: Date, $overdue: Boolean
  ) {
    improvementActions(
      status: $status, originType: $originType, ownerId: $ownerId, dueFrom: $dueFrom, dueTo: $dueTo,
      overdue: $overdue
    ) {
      id title detailsHidden type priority status ownerName dueOn toSchedule overdue effectiveness
      origins { type id }
    }
  }
`);

export interface ActionFilterValues {
  status: ImprovementActionStatus | null;
  originType: ImprovementActionOriginType | null;
  ownerId: string;
  dueFrom: string;
  dueTo: string;
  overdue: boolean;
}

export const NO_FILTER: ActionFilterValues = {
  status: null,
  originType: null,
  ownerId: '',
  dueFrom: '',
  dueTo: '',
  overdue: false,
};

export const variablesOf = (filter: ActionFilterValues) => ({
  status: filter.status,
  originType: filter.originType,
  ownerId: filter.ownerId || null,
  dueFrom: filter.dueFrom || null,
  dueTo: filter.dueTo || null,
  overdue: filter.overdue || null,
});

/** The plan matching the filter. */
export function useActions(filter: ActionFilterValues) {
  return useQuery({
    ...graphQLQuery(ActionsQuery, variablesOf(filter)),
    select: (data) => data.improvementActions,
  });
}

export type ActionRowView = ResultOf<typeof ActionsQuery>['improvementActions'][number];

const PlanOverviewQuery = graphql(`
  query ImprovementPlanOverview($from: Date!, $to: Date!) {
    improvementPlanCounters { total planned inProgress done closed cancelled overdue toSchedule }
    improvementPlanBurndown { weekOf open }
    improvementOriginShare(from: $from, to: $to) { total fromFeedback fromComplaints }
  }
`);

/** Counters, the burndown and the share of actions fed by feedback and complaints over a period. */
export function usePlanOverview(period: { from: string; to: string }) {
  return useQuery(graphQLQuery(PlanOverviewQuery, period));
}

export type BurndownView = ResultOf<typeof PlanOverviewQuery>['improvementPlanBurndown'];

const ActionQuery = graphql(`
  query ImprovementAction($id: ID!) {
    improvementAction(id: $id) {
      id title detailsHidden description erased type priority status ownerId ownerName dueOn toSchedule overdue
      effectiveness followUpOf followUpActionId startedOn doneOn revision plannedAt
      origins { type id indicator }
      history {
        revision step text on outcome next followUpActionId reason fileName changedByName changedAt
      }
      files { id fileName size attachedAt downloadPath }
    }
  }
`);

/** One action with its history and files (null when unknown). */
export function useAction(id: string) {
  return useQuery({ ...graphQLQuery(ActionQuery, { id }), select: (data) => data.improvementAction });
}

export type ActionView = NonNullable<ResultOf<typeof ActionQuery>['improvementAction']>;

const ActionsByOriginQuery = graphql(`
  query ActionsByOrigin($type: ImprovementActionOriginType!, $id: ID!) {
    actionsByOrigin(type: $type, id: $id) { id title detailsHidden status dueOn overdue toSchedule effectiveness }
  }
`);

/** The actions fed by one record (a complaint, an incident…). */
export function useActionsByOrigin(type: ImprovementActionOriginType, id: string) {
  return useQuery({
    ...graphQLQuery(ActionsByOriginQuery, { type, id }),
    select: (data) => data.actionsByOrigin,
  });
}

const ActionOwnersQuery = graphql(`
  query ActionOwners { actionOwners { id displayName } }
`);

/** Who may own an action. */
export function useActionOwners() {
  return useQuery({ ...graphQLQuery(ActionOwnersQuery, {}), select: (data) => data.actionOwners });
}

/** Where a record an action came from is shown, when it has a page. */
export const originHref = (origin: { type: ImprovementActionOriginType; id?: string | null }) =>
  !origin.id
    ? null
    : origin.type === 'complaint'
      ? `/complaints/${origin.id}`
      : origin.type === 'incident'
        ? `/incidents/${origin.id}`
        : null;

/** The export's address with the filter the plan shows. */
export function exportUrl(format: 'csv' | 'xlsx', filter: ActionFilterValues) {
  const query = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(variablesOf(filter))) {
    if (value !== null) query.set(key, String(value));
  }
  return `/api/improvement-actions/export?${query.toString()}`;
}
