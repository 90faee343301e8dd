import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { calendarOf } from '../../projections/calendar/query';
import { findOrganisation } from '../../projections/organisations/queries';
import type { TeamTables } from '../../projections/team/tables';
import { requirePermission } from '../kernel/auth';
import { notFound } from '../kernel/errors';
import { errorResponses, typed } from '../kernel/http';
import { hashToken, newSecretToken } from '../kernel/ids';
import { parisDate } from '../kernel/paris-time';
import { addCalendarDays } from '../kernel/working-days';
import type { SliceDeps } from '../slice';
import { renderIcs } from './ics';
import type { CalendarFeedTables } from './migration';

/** The feed shows what is due from 90 days ago to 400 days ahead: recent overdue items and the year to come. */
export const FEED_DAYS_BEFORE = 90;
export const FEED_DAYS_AFTER = 400;

const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;

export const calendarFeedRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const feeds = () => deps.db.withTables<CalendarFeedTables>();
  const publicUrl = (deps.config.PUBLIC_URL ?? `http://localhost:${deps.config.PORT}`).replace(/\/$/, '');

  api.get(
    '/api/calendar-feed',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Whether the viewer has a calendar feed, and since when (its address is shown only once)',
        response: {
          200: z.object({ active: z.boolean(), createdAt: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'calendar:subscribe');
      const row = await feeds()
        .selectFrom('calendar_feeds')
        .select('created_at')
        .where('user_id', '=', viewer.userId)
        .where('organisation_id', '=', viewer.organisationId)
        .executeTakeFirst();
      return { active: !!row, createdAt: row ? new Date(row.created_at).toISOString() : null };
    },
  );

  api.post(
    '/api/calendar-feed',
    {
      schema: {
        tags: ['calendar'],
        summary:
          'Create or regenerate the viewer’s calendar feed: a new secret address, the previous one stops',
        response: { 201: z.object({ url: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'calendar:subscribe');
      const { token, hash } = newSecretToken();
      const createdAt = deps.clock.now();
      await feeds()
        .insertInto('calendar_feeds')
        .values({
          user_id: viewer.userId,
          organisation_id: viewer.organisationId,
          token_hash: hash,
          created_at: createdAt,
        })
        .onConflict((conflict) =>
          conflict.column('user_id').doUpdateSet({
            organisation_id: viewer.organisationId,
            token_hash: hash,
            created_at: createdAt,
          }),
        )
        .execute();
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ url: `${publicUrl}/ics/${token}.ics` });
    },
  );

  api.post(
    '/api/calendar-feed/revoke',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Revoke the viewer’s calendar feed: its address stops working',
        response: { 200: z.object({ revoked: z.boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'calendar:subscribe');
      const result = await feeds()
        .deleteFrom('calendar_feeds')
        .where('user_id', '=', viewer.userId)
        .executeTakeFirst();
      return { revoked: Number(result.numDeletedRows) > 0 };
    },
  );

  api.get(
    '/ics/:file',
    {
      config: { rateLimit: { max: deps.config.PUBLIC_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'A member’s calendar feed (iCalendar), by its secret address',
        params: z.object({ file: z.string().max(100) }),
      },
    },
    async (request, reply) => {
      const token = FEED_FILE.exec(request.params.file)?.[1];
      if (!token) throw notFound('feed_not_found', 'No such calendar feed');
      // The member must still belong to the organisation, active: leaving or deactivation ends the feed.
      const feed = await feeds()
        .selectFrom('calendar_feeds')
        .where('token_hash', '=', hashToken(token))
        .select(['user_id', 'organisation_id'])
        .executeTakeFirst();
      const member = feed
        ? await deps.db
            .withTables<TeamTables>()
            .selectFrom('team_members')
            .select('active')
            .where('user_id', '=', feed.user_id)
            .where('organisation_id', '=', feed.organisation_id)
            .executeTakeFirst()
        : undefined;
      if (!feed || !member?.active) throw notFound('feed_not_found', 'No such calendar feed');
      const now = deps.clock.now();
      const today = parisDate(now);
      const range = {
        from: addCalendarDays(today, -FEED_DAYS_BEFORE),
        to: addCalendarDays(today, FEED_DAYS_AFTER),
      };
      const [items, organisation] = await Promise.all([
        calendarOf(deps.db, feed.organisation_id, range, today),
        findOrganisation(deps.db, feed.organisation_id),
      ]);
      const body = renderIcs({
        name: `Qualiopi — ${organisation?.name ?? 'échéances'}`,
        host: new URL(publicUrl).host,
        baseUrl: publicUrl,
        items,
        now,
      });
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('x-robots-tag', 'noindex')
        .send(body);
    },
  );
};
