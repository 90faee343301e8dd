import { GraphQLError } from 'graphql';
import { auditorLinks, auditorLinkUses } from '../../projections/auditor-access/queries';
import type { AuditorAccessLinkRow, AuditorAccessUseRow } from '../../projections/auditor-access/tables';
import { AUDITOR_ACCESS_KINDS } from '../../services/auditor-access/events';
import { type AccessLink, can } from '../../services/kernel/auth';
import { builder, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';
import { perRequest } from '../loader';

/** Only admins see the organisation's auditor links; an auditor's link never does, whatever its role. */
const managedOrganisationOf = (context: GraphQLContext) => {
  const organisationId = organisationOf(context);
  if (!context.viewer || context.viewer.link || !can(context.viewer.role, 'auditor-access:manage')) {
    throw new GraphQLError('Only an administrator manages auditor links', {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  return organisationId;
};

const StatusEnum = builder.enumType('AuditorLinkStatus', {
  description: 'scheduled: opens on a later day; active: opens now; expired: past its window; revoked',
  values: ['scheduled', 'active', 'expired', 'revoked'] as const,
});

const KindEnum = builder.enumType('AuditorAccessKind', { values: AUDITOR_ACCESS_KINDS });

const UseRef = builder.objectRef<AuditorAccessUseRow>('AuditorAccessUse').implement({
  description: 'One recorded use of an auditor link',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.field({ type: 'DateTime', resolve: (row) => row.used_at }),
    what: t.field({ type: KindEnum, resolve: (row) => row.what }),
    binderExportId: t.exposeID('binder_export_id', { nullable: true }),
    origin: t.exposeString('origin', {
      nullable: true,
      description:
        'A short keyed hash of the network it came from (never the address): equal on two uses of one link when they came from the same network',
    }),
  }),
});

/** The uses of the links a request reads, fetched once for all of them. */
const usesLoader = perRequest<AuditorAccessLinkRow, AuditorAccessUseRow[]>(async (context, rows) => {
  const byLink = await auditorLinkUses(context.db, organisationOf(context), [
    ...new Set(rows.map((row) => row.id)),
  ]);
  return rows.map((row) => byLink.get(row.id) ?? []);
});

const statusOf = (row: AuditorAccessLinkRow, now: Date) => {
  if (row.revoked_at) return 'revoked' as const;
  if (now >= new Date(row.valid_until)) return 'expired' as const;
  if (now < new Date(row.valid_from)) return 'scheduled' as const;
  return 'active' as const;
};

const LinkRef = builder.objectRef<AuditorAccessLinkRow>('AuditorAccessLink').implement({
  description:
    'A read-only, time-limited link given to an outside auditor (its address is never shown again)',
  fields: (t) => ({
    id: t.exposeID('id'),
    auditorName: t.exposeString('auditor_name'),
    auditorEmail: t.exposeString('auditor_email'),
    auditId: t.exposeID('audit_id', { nullable: true }),
    from: t.field({ type: 'Date', resolve: (row) => row.from_on }),
    until: t.field({ type: 'Date', description: 'The last day it opens', resolve: (row) => row.until_on }),
    validUntil: t.field({ type: 'DateTime', resolve: (row) => row.valid_until }),
    binderExportIds: t.idList({
      nullable: true,
      description: 'The binders it covers; null: every binder completed when it is used',
      resolve: (row) => row.binder_export_ids,
    }),
    grantedAt: t.field({ type: 'DateTime', resolve: (row) => row.granted_at }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, resolve: (row) => row.revoked_at }),
    status: t.field({
      type: StatusEnum,
      resolve: (row, _args, context) => statusOf(row, context.clock.now()),
    }),
    useCount: t.exposeInt('uses'),
    lastUsedAt: t.field({ type: 'DateTime', nullable: true, resolve: (row) => row.last_used_at }),
    uses: t.field({
      type: [UseRef],
      description: 'Every recorded use, latest first',
      resolve: (row, _args, context) => usesLoader(context).load(row),
    }),
  }),
});

builder.queryField('auditorAccessLinks', (t) =>
  t.field({
    type: [LinkRef],
    description: 'The organisation’s auditor links, latest granted first (admins only)',
    authScopes: { member: true },
    args: { limit: t.arg.int({ required: false, defaultValue: 50 }) },
    resolve: (_root, args, context) =>
      auditorLinks(context.db, managedOrganisationOf(context), Math.min(Math.max(args.limit ?? 50, 1), 100)),
  }),
);

const SessionRef = builder.objectRef<AccessLink>('AuditorLinkSession').implement({
  description: 'The auditor link the current session was opened with',
  fields: (t) => ({
    expiresAt: t.field({ type: 'DateTime', resolve: (link) => link.expiresAt }),
    binderExportIds: t.idList({
      nullable: true,
      description: 'The binders it covers; null: every completed one',
      resolve: (link) => (link.binderExportIds ? [...link.binderExportIds] : null),
    }),
  }),
});

builder.queryField('auditorLinkSession', (t) =>
  t.field({
    type: SessionRef,
    nullable: true,
    description: 'Null unless the session was opened with an auditor link',
    resolve: (_root, _args, context) => context.viewer?.link ?? null,
  }),
);
