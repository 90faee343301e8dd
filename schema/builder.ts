import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from './context';

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  AuthScopes: { member: boolean };
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: async (context) => ({ member: context.viewer !== undefined }),
    unauthorizedError: () =>
      new GraphQLError('Authentication required', { extensions: { code: 'UNAUTHENTICATED' } }),
  },
  relay: {},
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: { complexity: 5000, depth: 10, breadth: 200 },
  },
});

builder.queryType({});

/** The builder's schema types, for helpers that take Pothos builders (shared argument sets). */
export type BuilderTypes =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/** The signed-in member's organisation: every read of organisation data is scoped to it. */
export const organisationOf = (context: GraphQLContext): string => {
  if (!context.viewer) {
    throw new GraphQLError('Authentication required', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return context.viewer.organisationId;
};

/** Whether an id argument is a UUID: any other text names nothing, and is answered as not found (null). */
export const isUuid = (id: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
