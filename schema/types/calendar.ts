import { GraphQLError } from 'graphql';
import type { CalendarItem } from '../../projections/calendar/item';
import { calendarOf, MAX_CALENDAR_DAYS } from '../../projections/calendar/query';
import { parisDate } from '../../services/kernel/paris-time';
import { addCalendarDays } from '../../services/kernel/working-days';
import { builder, organisationOf } from '../builder';

const CalendarItemRef = builder.objectRef<CalendarItem>('CalendarItem').implement({
  description: 'A dated thing the organisation must do or watch for',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind'),
    date: t.field({ type: 'Date', resolve: (item) => item.date }),
    endDate: t.field({ type: 'Date', nullable: true, resolve: (item) => item.endDate ?? null }),
    title: t.exposeString('title'),
    href: t.exposeString('href'),
    indicator: t.exposeInt('indicator', { nullable: true }),
    overdue: t.exposeBoolean('overdue'),
  }),
});

builder.queryField('calendar', (t) =>
  t.field({
    type: [CalendarItemRef],
    authScopes: { member: true },
    description: `What is due between two days (inclusive, at most ${MAX_CALENDAR_DAYS} days apart), by day`,
    args: { from: t.arg({ type: 'Date', required: true }), to: t.arg({ type: 'Date', required: true }) },
    resolve: (_root, args, context) => {
      if (args.to < args.from || addCalendarDays(args.from, MAX_CALENDAR_DAYS) < args.to) {
        throw new GraphQLError(`The range runs forward over at most ${MAX_CALENDAR_DAYS} days`, {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      return calendarOf(
        context.db,
        organisationOf(context),
        { from: args.from, to: args.to },
        parisDate(context.clock.now()),
      );
    },
  }),
);
