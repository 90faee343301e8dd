import { currentComplaintPage } from '../../projections/complaints/queries';
import { complaintPageAddress, complaintPagePath } from '../../services/complaints/public-page';
import { builder, organisationOf } from '../builder';

interface ComplaintPage {
  generation: number;
  path: string;
}

const ComplaintPageRef = builder.objectRef<ComplaintPage>('ComplaintPage').implement({
  description:
    'The organisation’s public complaint page: its address, to put on its website and documents (derived, never stored)',
  fields: (t) => ({
    path: t.exposeString('path', { description: '/r/<address>, under the public base URL' }),
    generation: t.exposeInt('generation', { description: 'How many addresses it has had (1 for the first)' }),
  }),
});

builder.queryField('complaintPage', (t) =>
  t.field({
    type: ComplaintPageRef,
    nullable: true,
    authScopes: { member: true },
    description: 'The public complaint page, or null until an administrator gives it an address',
    resolve: async (_root, _args, context) => {
      const organisationId = organisationOf(context);
      const page = await currentComplaintPage(context.db, organisationId);
      if (!page) return null;
      const address = complaintPageAddress(context.complaintPageKey, organisationId, page.generation);
      return { generation: page.generation, path: complaintPagePath(address) };
    },
  }),
);
