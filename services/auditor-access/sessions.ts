import type { Db } from '../db/database';
import type { EventStore } from '../eventstore/types';
import type { Viewer } from '../kernel/auth';
import type { Clock } from '../kernel/clock';
import { runCommand } from '../kernel/command';
import { hashToken, newId, newSecretToken } from '../kernel/ids';
import type { SessionResolver } from '../slice';
import { auditorAccessDecider } from './decider';
import { auditorLinkStream } from './events';
import { accessOrigin } from './origin';
import type { AuditorAccessTables } from './tables';

const tables = (db: Db) => db.withTables<AuditorAccessTables>();

export interface LinkDeps {
  db: Db;
  store: EventStore;
  clock: Clock;
  /** The key access origins are hashed with (origin.ts). */
  originKey: Buffer;
}

/** Keeps a new link's token, as its SHA-256 only. */
export const storeLinkToken = async (
  db: Db,
  link: { token: string; linkId: string; organisationId: string },
) => {
  await tables(db)
    .insertInto('auditor_access_tokens')
    .values({ token_hash: hashToken(link.token), link_id: link.linkId, organisation_id: link.organisationId })
    .execute();
};

/** The link a token opens, or undefined (an unknown token and a malformed one look alike). */
export const linkOfToken = (db: Db, token: string) =>
  tables(db)
    .selectFrom('auditor_access_tokens')
    .select(['link_id', 'organisation_id'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();

/** Records one use of a link on its stream; the decider refuses a revoked, expired or uncovered use. */
export const recordLinkUse = (
  deps: LinkDeps,
  link: { linkId: string; organisationId: string; ip: string; correlationId?: string },
  use: { what: 'opened' } | { what: 'binder_downloaded'; binderExportId: string },
) =>
  runCommand(
    {
      store: deps.store,
      clock: deps.clock,
      organisationId: link.organisationId,
      actor: { type: 'public', id: link.linkId },
      correlationId: link.correlationId,
    },
    auditorAccessDecider,
    auditorLinkStream(link.linkId),
    {
      type: 'UseAuditorAccess',
      accessId: newId(),
      what: use.what,
      binderExportId: use.what === 'binder_downloaded' ? use.binderExportId : null,
      origin: accessOrigin(deps.originKey, link.linkId, link.ip),
      now: deps.clock.now(),
    },
  );

/** Opens a read-only session on the link, ending with the link or after `ttlHours`, whichever comes first. */
export const openLinkSession = async (
  deps: LinkDeps,
  link: { linkId: string; organisationId: string; validUntil: Date; binderExportIds: string[] | null },
  ttlHours: number,
) => {
  const { token, hash } = newSecretToken();
  const now = deps.clock.now();
  const expiresAt = new Date(Math.min(link.validUntil.getTime(), now.getTime() + ttlHours * 3600_000));
  const sessionId = newId();
  await tables(deps.db).deleteFrom('auditor_access_sessions').where('expires_at', '<=', now).execute();
  await tables(deps.db)
    .insertInto('auditor_access_sessions')
    .values({
      token_hash: hash,
      id: sessionId,
      link_id: link.linkId,
      organisation_id: link.organisationId,
      created_at: now,
      expires_at: expiresAt,
      binder_export_ids:
        link.binderExportIds === null ? null : (JSON.stringify(link.binderExportIds) as never),
    })
    .execute();
  return { token, sessionId, expiresAt };
};

/** Forgets the token of a link that was never granted (its grant was refused). */
export const forgetLinkToken = async (db: Db, linkId: string) => {
  await tables(db).deleteFrom('auditor_access_tokens').where('link_id', '=', linkId).execute();
};

/** A revoked link opens nothing more, and its open sessions end at once. */
export const endLink = async (db: Db, linkId: string, at: Date) => {
  await tables(db)
    .updateTable('auditor_access_tokens')
    .set({ revoked_at: at })
    .where('link_id', '=', linkId)
    .where('revoked_at', 'is', null)
    .execute();
  await tables(db).deleteFrom('auditor_access_sessions').where('link_id', '=', linkId).execute();
};

/**
 * Who a link session stands for: the organisation's `auditor`, under the link (the viewer's id is the link's),
 * while the session has not expired and the link was not revoked.
 */
export const linkSessionResolver =
  (deps: LinkDeps): SessionResolver =>
  async (token, request) => {
    const row = await tables(deps.db)
      .selectFrom('auditor_access_sessions as s')
      .innerJoin('auditor_access_tokens as t', 't.link_id', 's.link_id')
      .select(['s.id', 's.link_id', 's.organisation_id', 's.expires_at', 's.binder_export_ids'])
      .where('s.token_hash', '=', hashToken(token))
      .where('s.expires_at', '>', deps.clock.now())
      .where('t.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    const link = { linkId: row.link_id, organisationId: row.organisation_id, ip: request.ip };
    const viewer: Viewer = {
      userId: row.link_id,
      organisationId: row.organisation_id,
      role: 'auditor',
      email: '',
      displayName: '',
      link: {
        linkId: row.link_id,
        expiresAt: row.expires_at,
        binderExportIds: row.binder_export_ids,
        async recordBinderDownload(binderExportId) {
          await recordLinkUse(
            deps,
            { ...link, correlationId: request.id },
            {
              what: 'binder_downloaded',
              binderExportId,
            },
          );
        },
      },
    };
    return { viewer, sessionId: row.id };
  };
