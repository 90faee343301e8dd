import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findAudit } from '../../projections/audits/queries';
import { findBinderExport } from '../../projections/binder/queries';
import { closeSession } from '../access/accounts';
import { SESSION_COOKIE } from '../access/routes';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { badRequest, notFound } from '../kernel/errors';
import { commandContext, commandResult, created, errorBody, errorResponses, typed } from '../kernel/http';
import { newId, newSecretToken } from '../kernel/ids';
import { parisDate } from '../kernel/paris-time';
import { isoDate, text } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { type AuditorAccessState, auditorAccessDecider, DEFAULT_LINK_DAYS } from './decider';
import { type AuditorAccessEvent, auditorLinkStream } from './events';
import { AUDITOR_ORIGIN_KEY_PURPOSE } from './origin';
import {
  endLink,
  type LinkDeps,
  linkOfToken,
  openLinkSession,
  recordLinkUse,
  storeLinkToken,
} from './sessions';

/** Where an auditor opens their link (a page of the web app). */
export const auditorLinkPath = (token: string) => `/auditor/${token}`;

const addDays = (day: string, days: number) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

const grantBody = z.object({
  auditorName: text(200),
  auditorEmail: z.string().trim().toLowerCase().email().max(254),
  auditId: z.string().uuid().nullish(),
  /** First Paris day the link opens; default: today. */
  from: isoDate.optional(),
  /** Last Paris day it opens (inclusive); default: 14 days in all. */
  until: isoDate.optional(),
  /** The binders it covers; default: every binder completed when the link is used. */
  binderExportIds: z.array(z.string().uuid()).max(20).nullish(),
  /** Mail the link to the auditor (default); else only shown once to the admin. */
  sendMail: z.boolean().default(true),
  locale: z.enum(['fr', 'en']).default('fr'),
});

const linkParams = z.object({ linkId: z.string().uuid() });
const token = z.string().min(20).max(200);

export const auditorAccessRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const { config } = deps;
  const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
  const linkDeps: LinkDeps = { ...deps, originKey: deps.vault.derivedKey(AUDITOR_ORIGIN_KEY_PURPOSE) };

  /** The link as its stream tells it (another organisation's link is no link). */
  const loadLink = async (linkId: string, organisationId: string): Promise<AuditorAccessState> => {
    const history = await deps.store.readStream(auditorLinkStream(linkId));
    if (history[0] && history[0].metadata.organisationId !== organisationId) {
      return auditorAccessDecider.initialState;
    }
    return history.reduce(
      (state, event) => auditorAccessDecider.evolve(state, event as unknown as AuditorAccessEvent),
      auditorAccessDecider.initialState,
    );
  };

  api.post(
    '/api/auditor-access/links',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auditor-access'],
        summary:
          'Grant an outside auditor a read-only link to the dashboard, the evidence and binders, for a window of days (default 14, at most 60); the link is answered once',
        body: grantBody,
        response: {
          201: commandResult.extend({ url: z.string(), validFrom: z.string(), validUntil: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'auditor-access:manage');
      const body = request.body;
      const today = parisDate(deps.clock.now());
      const from = body.from ?? today;
      const until = body.until ?? addDays(from, DEFAULT_LINK_DAYS - 1);
      const auditId = body.auditId ?? null;
      if (auditId && !(await findAudit(deps.db, viewer.organisationId, auditId))) {
        throw badRequest('audit_unknown', 'Name an audit of the organisation');
      }
      const binderExportIds = body.binderExportIds?.length ? [...new Set(body.binderExportIds)] : null;
      for (const exportId of binderExportIds ?? []) {
        const binder = await findBinderExport(deps.db, viewer.organisationId, exportId);
        if (!binder || binder.status === 'failed' || binder.status === 'discarded') {
          throw badRequest('binder_unknown', 'Name binders of the organisation that are or will be ready', {
            exportId,
          });
        }
      }
      const linkId = newId();
      const secret = newSecretToken();
      await storeLinkToken(deps.db, { token: secret.token, linkId, organisationId: viewer.organisationId });
      const result = await runCommand(
        commandContext(request, viewer, deps),
        auditorAccessDecider,
        auditorLinkStream(linkId),
        {
          type: 'GrantAuditorAccess',
          grant: {
            linkId,
            auditorName: body.auditorName,
            auditorEmail: body.auditorEmail,
            auditId,
            fromDay: from,
            untilDay: until,
            binderExportIds,
            grantedBy: viewer.userId,
          },
          today,
        },
      ).catch(async (error: unknown) => {
        // A refused grant leaves no token behind.
        await endLink(deps.db, linkId, deps.clock.now());
        throw error;
      });
      const granted = result.events[0];
      if (granted?.type !== 'AuditorAccessGranted') throw new Error('a grant records the link');
      const url = `${publicUrl}${auditorLinkPath(secret.token)}`;
      if (body.sendMail) {
        await deps.mail.queue({
          organisationId: viewer.organisationId,
          to: body.auditorEmail,
          locale: body.locale,
          template: 'auditor_access',
          params: {
            auditorName: body.auditorName,
            accessUrl: url,
            validFrom: granted.data.validFrom,
            validUntil: granted.data.validUntil,
          },
          actor: { type: 'user', id: viewer.userId },
          idempotencyKey: `auditor-access:${linkId}`,
        });
      }
      const answer = {
        id: linkId,
        revision: result.revision,
        position: result.position,
        url,
        validFrom: granted.data.validFrom,
        validUntil: granted.data.validUntil,
      };
      return created(reply, answer);
    },
  );

  api.post(
    '/api/auditor-access/links/:linkId/revoke',
    {
      schema: {
        tags: ['auditor-access'],
        summary: 'Revoke an auditor link: it opens nothing more and its open sessions end at once',
        params: linkParams,
        response: { 200: commandResult, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'auditor-access:manage');
      const { linkId } = request.params;
      const result = await runCommand(
        commandContext(request, viewer, deps),
        auditorAccessDecider,
        auditorLinkStream(linkId),
        { type: 'RevokeAuditorAccess', revokedBy: viewer.userId },
      );
      await endLink(deps.db, linkId, deps.clock.now());
      return { id: linkId, revision: result.revision, position: result.position };
    },
  );

  api.post(
    '/api/public/auditor-access/sessions',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auditor-access'],
        summary:
          'Open an auditor link: starts a read-only session of the organisation (cookie), ending no later than the link; the token in the body keeps it out of logs',
        description:
          'An expired link answers 410 `auditor_link_expired`, a revoked one 410 `auditor_link_revoked`, one not open yet 403 `auditor_link_not_yet_valid`, an unknown token 404. At most 10 attempts a minute from one address.',
        body: z.object({ token }),
        response: {
          201: z.object({ expiresAt: z.string(), position: z.number() }),
          400: errorBody,
          403: errorBody,
          404: errorBody,
          410: errorBody,
          429: errorBody,
        },
      },
    },
    async (request, reply) => {
      const found = await linkOfToken(deps.db, request.body.token);
      if (!found) throw notFound('auditor_link_not_found', 'This link is unknown');
      const link = { linkId: found.link_id, organisationId: found.organisation_id };
      const used = await recordLinkUse(
        linkDeps,
        { ...link, ip: request.ip, correlationId: request.id },
        { what: 'opened' },
      );
      const { grant } = await loadLink(link.linkId, link.organisationId);
      if (!grant) throw notFound('auditor_link_not_found', 'This link is unknown');
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await closeSession(deps, previous);
      const session = await openLinkSession(
        linkDeps,
        { ...link, validUntil: new Date(grant.validUntil), binderExportIds: grant.binderExportIds },
        config.SESSION_TTL_HOURS,
      );
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.COOKIE_SECURE,
        expires: session.expiresAt,
      });
      return reply.code(201).send({ expiresAt: session.expiresAt.toISOString(), position: used.position });
    },
  );
};
