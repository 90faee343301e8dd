import { findOrganisation } from '../../projections/organisations/queries';
import type { OrganisationRow } from '../../projections/organisations/tables';
import { ROLES, type Viewer } from '../../services/kernel/auth';
import { builder } from '../builder';

const OrganisationRef = builder.objectRef<OrganisationRow>('Organisation').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
  }),
});

export const RoleEnum = builder.enumType('Role', { values: ROLES });

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The signed-in user',
  fields: (t) => ({
    id: t.exposeID('userId'),
    email: t.exposeString('email'),
    displayName: t.exposeString('displayName'),
    role: t.field({ type: RoleEnum, resolve: (viewer) => viewer.role }),
    organisation: t.field({
      type: OrganisationRef,
      resolve: async (viewer, _args, context) => {
        const organisation = await findOrganisation(context.db, viewer.organisationId);
        return organisation ?? { id: viewer.organisationId, name: '', created_at: new Date(0) };
      },
    }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: ViewerRef,
    nullable: true,
    description: 'The signed-in user, or null',
    resolve: (_root, _args, context) => context.viewer ?? null,
  }),
);
