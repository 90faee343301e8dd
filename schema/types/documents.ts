import { GraphQLError } from 'graphql';
import { memberNames } from '../../projections/complaints/queries';
import {
  findEvidenceDocument,
  listEvidenceDocuments,
  versionsOfEvidenceDocuments,
} from '../../projections/documents/queries';
import type { EvidenceDocumentRow, EvidenceDocumentVersionRow } from '../../projections/documents/tables';
import { can } from '../../services/kernel/auth';
import { ERASED } from '../../services/privacy/declarations';
import { builder, isUuid, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';
import { groupedBy, perRequest } from '../loader';

const namesById = perRequest<string, string | null>(async (context, ids) => {
  const rows = await memberNames(context.db, organisationOf(context), ids);
  const names = new Map(rows.map((row) => [row.user_id, row.display_name]));
  return ids.map((id) => names.get(id) ?? null);
});
const nameOf = (context: GraphQLContext, id: string | null) =>
  id === null ? null : namesById(context).load(id);

const versionsById = perRequest<string, EvidenceDocumentVersionRow[]>(async (context, ids) =>
  groupedBy(
    await versionsOfEvidenceDocuments(context.db, organisationOf(context), ids),
    (row) => row.document_id,
    ids,
  ),
);

/** Where a version's file is downloaded (every member may). */
const downloadUrl = (documentId: string, version: number) =>
  `/api/evidence-documents/${documentId}/versions/${version}/file`;

/** Whether the viewer may add versions and withdraw documents. */
const manages = (context: GraphQLContext) => !!context.viewer && can(context.viewer.role, 'document:manage');

const VersionRef = builder.objectRef<EvidenceDocumentVersionRow>('EvidenceDocumentVersion').implement({
  description: 'One version of an evidence document, with its file',
  fields: (t) => ({
    version: t.exposeInt('version'),
    title: t.exposeString('title'),
    on: t.field({
      type: 'Date',
      description: 'The Paris day the document is dated',
      resolve: (row) => row.dated_on,
    }),
    indicators: t.exposeIntList('indicators'),
    note: t.exposeString('note', { nullable: true }),
    fileName: t.exposeString('file_name'),
    mediaType: t.exposeString('media_type'),
    size: t.exposeInt('size', { description: 'In bytes' }),
    sha256: t.exposeString('sha256'),
    downloadUrl: t.string({ resolve: (row) => downloadUrl(row.document_id, row.version) }),
    addedAt: t.field({ type: 'DateTime', resolve: (row) => row.added_at }),
    addedByName: t.string({
      nullable: true,
      description: 'Null when they are no longer a member',
      resolve: (row, _args, context) => nameOf(context, row.added_by),
    }),
  }),
});

const DocumentRef = builder.objectRef<EvidenceDocumentRow>('EvidenceDocument').implement({
  description:
    'A document that evidences indicators (a brochure, a skills-development plan): its current version and its history',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title', { description: 'As its current version says' }),
    on: t.field({ type: 'Date', resolve: (row) => row.dated_on }),
    version: t.exposeInt('version', { description: 'The current version’s number' }),
    indicators: t.exposeIntList('indicators'),
    note: t.exposeString('note', { nullable: true }),
    noteErased: t.boolean({ resolve: (row) => row.note === ERASED }),
    fileName: t.exposeString('file_name'),
    mediaType: t.exposeString('media_type'),
    size: t.exposeInt('size'),
    downloadUrl: t.string({
      description: 'The current version’s file',
      resolve: (row) => downloadUrl(row.id, row.version),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (row) => row.created_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (row) => row.updated_at }),
    withdrawn: t.exposeBoolean('withdrawn'),
    withdrawnOn: t.field({ type: 'Date', nullable: true, resolve: (row) => row.withdrawn_on }),
    withdrawnReason: t.exposeString('withdrawn_reason', { nullable: true }),
    withdrawnByName: t.string({
      nullable: true,
      resolve: (row, _args, context) => nameOf(context, row.withdrawn_by),
    }),
    revision: t.int({
      description: 'Send it as If-Match with a new version or the withdrawal',
      resolve: (row) => Number(row.revision),
    }),
    canManage: t.boolean({
      description: 'Whether the viewer may add a version or withdraw it (admins and quality managers)',
      resolve: (_row, _args, context) => manages(context),
    }),
    versions: t.field({
      type: [VersionRef],
      description: 'Every version, newest first',
      resolve: (row, _args, context) => versionsById(context).load(row.id),
    }),
  }),
});

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

builder.queryField('evidenceDocuments', (t) =>
  t.field({
    type: [DocumentRef],
    authScopes: { member: true },
    description: 'The evidence documents at their current version, latest changed first (at most 1000)',
    args: {
      indicator: t.arg.int({ required: false, description: 'Only the documents supporting it' }),
      search: t.arg.string({ required: false, description: 'Words in the title' }),
      includeWithdrawn: t.arg.boolean({ required: false, description: 'Withdrawn documents too' }),
    },
    resolve: (_root, args, context) => {
      if (args.search && args.search.length > 200) throw badInput('search is at most 200 characters');
      if (
        args.indicator !== null &&
        args.indicator !== undefined &&
        (args.indicator < 1 || args.indicator > 40)
      ) {
        throw badInput('indicator is a number from 1');
      }
      return listEvidenceDocuments(context.db, organisationOf(context), args);
    },
  }),
);

builder.queryField('evidenceDocument', (t) =>
  t.field({
    type: DocumentRef,
    nullable: true,
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      if (!isUuid(id)) return null;
      return (await findEvidenceDocument(context.db, organisationOf(context), id)) ?? null;
    },
  }),
);
