import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const CalendarQuery = graphql(`
  query Calendar($from: Date!, $to: Date!) {
    calendar(from: $from, to: $to) { id kind date endDate title href indicator overdue }
  }
`);

/** What is due between two Paris days, by day. */
export function useCalendar(from: string, to: string) {
  return useQuery({ ...graphQLQuery(CalendarQuery, { from, to }), select: (data) => data.calendar });
}

export type CalendarItemView = ResultOf<typeof CalendarQuery>['calendar'][number];

/** A Paris day `days` days after another (before it when negative). */
export const shiftDay = (day: string, days: number): string => {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
};
