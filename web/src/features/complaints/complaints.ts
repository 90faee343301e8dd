import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { fetchGraphQL } from '../../data/fetchGraphQL';
import {
  type ComplainantGroup,
  type ComplaintChannel,
  type ComplaintStatus,
  graphql,
  type ResultOf,
} from '../../data/graphql';
import { graphQLQuery, operationName } from '../../data/query';

const ComplaintsQuery = graphql(`
  query Complaints(
    $status: ComplaintStatus, $group: ComplainantGroup, $channel: ComplaintChannel, $overdue: Boolean,
    $sessionId: ID, $from: Date, $to: Date, $search: String, $after: String
  ) {
    complaints(
      status: $status, group: $group, channel: $channel, overdue: $overdue, sessionId: $sessionId,
      from: $from, to: $to, search: $search, first: 20, after: $after
    ) {
      edges {
        node {
          id reference status channel group receivedOn trainingTitle sessionTitle site ownerName overdue
          acknowledgement { dueOn doneOn state }
          answer { dueOn doneOn state }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const ComplaintCountersQuery = graphql(`
  query ComplaintCounters(
    $status: ComplaintStatus, $group: ComplainantGroup, $channel: ComplaintChannel, $overdue: Boolean,
    $sessionId: ID, $from: Date, $to: Date, $search: String
  ) {
    complaintCounters(
      status: $status, group: $group, channel: $channel, overdue: $overdue, sessionId: $sessionId,
      from: $from, to: $to, search: $search
    ) { total open overdue }
  }
`);

export interface ComplaintFilterValues {
  status: ComplaintStatus | null;
  group: ComplainantGroup | null;
  channel: ComplaintChannel | null;
  overdue: boolean | null;
  sessionId: string;
  from: string;
  to: string;
  search: string;
}

export const NO_FILTER: ComplaintFilterValues = {
  status: null,
  group: null,
  channel: null,
  overdue: null,
  sessionId: '',
  from: '',
  to: '',
  search: '',
};

const variablesOf = (filter: ComplaintFilterValues) => ({
  status: filter.status,
  group: filter.group,
  channel: filter.channel,
  overdue: filter.overdue,
  sessionId: filter.sessionId || null,
  from: filter.from || null,
  to: filter.to || null,
  search: filter.search.trim() || null,
});

/** The register matching the filter, latest received first, 20 at a time. */
export function useComplaints(filter: ComplaintFilterValues) {
  const variables = variablesOf(filter);
  return useInfiniteQuery({
    queryKey: [operationName(ComplaintsQuery), variables],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchGraphQL(ComplaintsQuery, { ...variables, after: pageParam }),
    getNextPageParam: (page) =>
      page.complaints.pageInfo.hasNextPage ? page.complaints.pageInfo.endCursor : undefined,
  });
}

export type ComplaintRowView = ResultOf<typeof ComplaintsQuery>['complaints']['edges'][number]['node'];

/** The counters of the complaints matching the filter: in all, open, overdue today. */
export function useComplaintCounters(filter: ComplaintFilterValues) {
  return useQuery({
    ...graphQLQuery(ComplaintCountersQuery, variablesOf(filter)),
    select: (data) => data.complaintCounters,
  });
}

/** The export's address with the filter the register shows. */
export function exportUrl(format: 'csv' | 'xlsx', filter: ComplaintFilterValues) {
  const query = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(variablesOf(filter))) {
    if (value !== null) query.set(key, String(value));
  }
  return `/api/complaints/export?${query.toString()}`;
}

const ComplaintQuery = graphql(`
  query Complaint($id: ID!) {
    complaint(id: $id) {
      id reference status channel group anonymous receivedOn trainingTitle sessionTitle site ownerId ownerName
      mediationInProgress outcome personalDataVisible erased complainantName complainantEmail complainantPhone
      complainantPostalAddress text overdue revision
      acknowledgement { dueOn doneOn state workingDays workingDaysLeft }
      answer { dueOn doneOn state workingDays workingDaysLeft }
      steps { revision kind on text mediator sentByEmail outcome ownerName actorName occurredAt }
      improvementRequests { id title requestedByName requestedAt }
      attachments { id name mediaType sizeBytes downloadPath }
    }
  }
`);

/** One complaint with its steps and links (null when unknown). */
export function useComplaint(id: string) {
  return useQuery({ ...graphQLQuery(ComplaintQuery, { id }), select: (data) => data.complaint });
}

export type ComplaintView = NonNullable<ResultOf<typeof ComplaintQuery>['complaint']>;

const ComplaintHandlersQuery = graphql(`
  query ComplaintHandlers { complaintHandlers { id displayName } }
`);

/** Who may own a complaint. */
export function useComplaintHandlers(enabled: boolean) {
  return useQuery({
    ...graphQLQuery(ComplaintHandlersQuery, {}),
    enabled,
    select: (data) => data.complaintHandlers,
  });
}

const ComplaintStatisticsQuery = graphql(`
  query ComplaintStatistics($from: Date!, $to: Date!) {
    complaintStatistics(from: $from, to: $to) {
      complaints
      acknowledgement { counted inTime late overdue pending shareInTime medianWorkingDays }
      answer { counted inTime late overdue pending shareInTime medianWorkingDays }
      byGroup { group count }
      byChannel { channel count }
      byOutcome { outcome count }
    }
  }
`);

/** Deadline statistics over the complaints received in a period. */
export function useComplaintStatistics(period: { from: string; to: string }) {
  return useQuery({
    ...graphQLQuery(ComplaintStatisticsQuery, period),
    select: (data) => data.complaintStatistics,
  });
}

export type ComplaintStatisticsView = ResultOf<typeof ComplaintStatisticsQuery>['complaintStatistics'];

const ComplaintSettingsQuery = graphql(`
  query ComplaintDeadlineSettings {
    complaintDeadlineSettings { acknowledgeWithinWorkingDays answerWithinWorkingDays calendar revision }
  }
`);

/** The organisation's deadlines. */
export function useComplaintSettings() {
  return useQuery({
    ...graphQLQuery(ComplaintSettingsQuery, {}),
    select: (data) => data.complaintDeadlineSettings,
  });
}

/** The same Paris date a year earlier, plus one day: the default period is the last 12 months. */
export const yearBefore = (day: string) => {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
};
