import { GraphQLError } from 'graphql';
import { binderExports, binderProgressOf, findBinderExport } from '../../projections/binder/queries';
import type { BinderExportRow } from '../../projections/binder/tables';
import { defaultBinderFrom } from '../../services/binder/period';
import { readSigningKey } from '../../services/binder/signing';
import { binderReferential } from '../../services/binder/source';
import { can, coversBinder, type Permission } from '../../services/kernel/auth';
import { parisDate } from '../../services/kernel/paris-time';
import { builder, isUuid, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';
import { perRequest } from '../loader';

/** Binders are for those who prepare the audit, and the auditor: they carry every indicator's evidence. */
const allowedOrganisationOf = (context: GraphQLContext, permission: Permission = 'binder:read') => {
  const organisationId = organisationOf(context);
  if (!context.viewer || !can(context.viewer.role, permission)) {
    throw new GraphQLError('Only those who prepare the audit, and the auditor, see its binders', {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  return organisationId;
};

/** Through an auditor's link, only the completed binders it covers are seen. */
const visibleBinder = (context: GraphQLContext, row: BinderExportRow) =>
  !context.viewer?.link || (row.status === 'completed' && coversBinder(context.viewer, row.id));

const BinderStatusEnum = builder.enumType('BinderExportStatus', {
  description:
    'requested: being written; completed: ready to download; failed: could not be written; discarded: removed after its keeping time',
  values: ['requested', 'completed', 'failed', 'discarded'] as const,
});

interface Progress {
  done: number;
  total: number;
  step: string;
}

const ProgressRef = builder.objectRef<Progress>('BinderExportProgress').implement({
  fields: (t) => ({
    done: t.exposeInt('done'),
    total: t.exposeInt('total'),
    step: t.exposeString('step', {
      description: 'What is being written: items, pdf, tables, documents, events…',
    }),
  }),
});

/** The progress of the exports a request reads, fetched once for all of them. */
const progressLoader = perRequest<string, Progress | undefined>(async (context, ids) => {
  const progress = await binderProgressOf(context.db, ids);
  return ids.map((id) => progress.get(id));
});

const BinderExportRef = builder.objectRef<BinderExportRow>('BinderExport').implement({
  description: 'An audit binder asked for a period and indicators, and its archive once written',
  fields: (t) => ({
    id: t.exposeID('id'),
    from: t.field({ type: 'Date', resolve: (row) => row.from_on }),
    to: t.field({ type: 'Date', resolve: (row) => row.to_on }),
    indicators: t.exposeIntList('indicators'),
    asOf: t.field({
      type: 'DateTime',
      description: 'The binder’s date: when the last event it reads was recorded',
      resolve: (row) => row.as_of_recorded_at,
    }),
    asOfPosition: t.int({
      description: 'The log position it reads up to',
      resolve: (row) => Number(row.as_of_position),
    }),
    requestedAt: t.field({ type: 'DateTime', resolve: (row) => row.requested_at }),
    status: t.field({ type: BinderStatusEnum, resolve: (row) => row.status }),
    progress: t.field({
      type: ProgressRef,
      nullable: true,
      description: 'While it is written; null before a node takes it up and once it is done',
      resolve: async (row, _args, context) =>
        row.status === 'requested' ? ((await progressLoader(context).load(row.id)) ?? null) : null,
    }),
    fileName: t.exposeString('file_name', { nullable: true }),
    sha256: t.exposeString('sha256', { nullable: true, description: 'SHA-256 of the whole archive (hex)' }),
    bytes: t.int({ nullable: true, resolve: (row) => (row.bytes === null ? null : Number(row.bytes)) }),
    fingerprint: t.exposeString('fingerprint', {
      nullable: true,
      description: 'The fingerprint of the key that signed its manifest',
    }),
    items: t.exposeInt('items', { nullable: true, description: 'Evidence items it holds' }),
    events: t.exposeInt('events', { nullable: true, description: 'Events on its hash chain' }),
    failure: t.exposeString('failure', {
      nullable: true,
      description: 'Why it could not be written (a code)',
    }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (row) => row.finished_at }),
    downloadUrl: t.string({
      nullable: true,
      resolve: (row) => (row.status === 'completed' ? `/api/binder-exports/${row.id}/download` : null),
    }),
  }),
});

builder.queryField('binderExports', (t) =>
  t.field({
    type: [BinderExportRef],
    description: 'The organisation’s binders, newest first',
    authScopes: { member: true },
    args: { limit: t.arg.int({ required: false, defaultValue: 20 }) },
    resolve: async (_root, args, context) => {
      const limit = Math.min(Math.max(args.limit ?? 20, 1), 100);
      const rows = await binderExports(context.db, allowedOrganisationOf(context), limit);
      return rows.filter((row) => visibleBinder(context, row));
    },
  }),
);

builder.queryField('binderExport', (t) =>
  t.field({
    type: BinderExportRef,
    nullable: true,
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const organisationId = allowedOrganisationOf(context);
      const id = String(args.id);
      const row = isUuid(id) ? await findBinderExport(context.db, organisationId, id) : undefined;
      return row && visibleBinder(context, row) ? row : null;
    },
  }),
);

interface SigningKey {
  publicKeyPem: string;
  fingerprint: string;
  createdAt: Date;
}

const SigningKeyRef = builder.objectRef<SigningKey>('BinderSigningKey').implement({
  description: 'The key that signs the organisation’s binders: give its fingerprint to the auditor',
  fields: (t) => ({
    publicKeyPem: t.exposeString('publicKeyPem'),
    fingerprint: t.exposeString('fingerprint'),
    createdAt: t.field({ type: 'DateTime', resolve: (key) => key.createdAt }),
  }),
});

builder.queryField('binderSigningKey', (t) =>
  t.field({
    type: SigningKeyRef,
    nullable: true,
    description: 'Null until the first binder is written',
    authScopes: { member: true },
    resolve: async (_root, _args, context) =>
      (await readSigningKey(context.db, allowedOrganisationOf(context))) ?? null,
  }),
);

interface Defaults {
  from: string;
  to: string;
  applicable: number[];
}

const DefaultsRef = builder.objectRef<Defaults>('BinderDefaults').implement({
  description: 'What a binder covers when nothing else is asked',
  fields: (t) => ({
    from: t.field({
      type: 'Date',
      description: 'The day after the last audit held, else a year back',
      resolve: (d) => d.from,
    }),
    to: t.field({ type: 'Date', description: 'Today (Paris)', resolve: (d) => d.to }),
    applicable: t.exposeIntList('applicable', {
      description: 'The indicators that apply to the organisation',
    }),
  }),
});

builder.queryField('binderDefaults', (t) =>
  t.field({
    type: DefaultsRef,
    authScopes: { member: true },
    resolve: async (_root, _args, context) => {
      const organisationId = allowedOrganisationOf(context, 'binder:export');
      const to = parisDate(context.clock.now());
      const [from, { applicable }] = await Promise.all([
        defaultBinderFrom(context.db, organisationId, to),
        binderReferential(context.db, organisationId, to),
      ]);
      return { from, to, applicable: [...applicable] };
    },
  }),
);
