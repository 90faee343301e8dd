import { GraphQLError } from 'graphql';
import { isoDate } from '../../services/kernel/validation';
import { builder } from '../builder';

builder.scalarType('Date', {
  description: 'A calendar date in Europe/Paris, YYYY-MM-DD',
  serialize: (value) => String(value),
  parseValue: (value) => {
    const parsed = isoDate.safeParse(value);
    if (!parsed.success)
      throw new GraphQLError('Expected a date YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    return parsed.data;
  },
});

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601 in UTC',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) {
      throw new GraphQLError('Expected an ISO 8601 instant', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return date;
  },
});
