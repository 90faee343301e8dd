import {
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

export interface OperationLimits {
  /** Deepest nesting of selections. */
  maxDepth: number;
  /** Aliased fields: each alias asks for the same work once more. */
  maxAliases: number;
  /** Fields selected in all. */
  maxFields: number;
}

/**
 * Bounds for every operation, introspection included, fragments expanded. graphql-js's introspection query (what
 * tools send) is 15 deep with 230 fields, and some tools nest `ofType` a few levels more; the page queries stay
 * far below. Pothos's complexity limits remain the finer rule for the schema's own fields: they run at execution
 * and never see `__schema` or `__type`.
 */
export const OPERATION_LIMITS: OperationLimits = { maxDepth: 20, maxAliases: 30, maxFields: 500 };

interface Cost {
  depth: number;
  aliases: number;
  fields: number;
}

const NOTHING: Cost = { depth: 0, aliases: 0, fields: 0 };

/**
 * Measures each operation of a document with its fragments expanded. Each fragment is measured once and reused,
 * so fragments spread inside fragments cost a lookup, not a walk that grows with every level.
 */
export const measureOperations = (document: DocumentNode): { name: string; cost: Cost }[] => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, Cost>();
  const measuring = new Set<string>();

  const fragmentCost = (name: string): Cost => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // Unknown and cyclic fragments are the standard rules' to report.
    if (!fragment || measuring.has(name)) return NOTHING;
    measuring.add(name);
    const cost = selectionCost(fragment.selectionSet);
    measuring.delete(name);
    measured.set(name, cost);
    return cost;
  };

  const selectionCost = (set: SelectionSetNode): Cost => {
    const total = { ...NOTHING };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const inner = selection.selectionSet ? selectionCost(selection.selectionSet) : NOTHING;
        total.fields += 1 + inner.fields;
        total.aliases += (selection.alias ? 1 : 0) + inner.aliases;
        total.depth = Math.max(total.depth, 1 + inner.depth);
      } else {
        const inner =
          selection.kind === Kind.FRAGMENT_SPREAD
            ? fragmentCost(selection.name.value)
            : selectionCost(selection.selectionSet);
        total.fields += inner.fields;
        total.aliases += inner.aliases;
        total.depth = Math.max(total.depth, inner.depth);
      }
    }
    return total;
  };

  return document.definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION
      ? [{ name: definition.name?.value ?? 'anonymous', cost: selectionCost(definition.selectionSet) }]
      : [],
  );
};

/** The errors of the operations that pass a limit (none when all stay within). */
export const operationLimitErrors = (document: DocumentNode, limits = OPERATION_LIMITS): GraphQLError[] =>
  measureOperations(document).flatMap(({ name, cost }) => {
    const passed = [
      cost.depth > limits.maxDepth && `depth ${cost.depth} > ${limits.maxDepth}`,
      cost.aliases > limits.maxAliases && `aliases ${cost.aliases} > ${limits.maxAliases}`,
      cost.fields > limits.maxFields && `fields ${cost.fields} > ${limits.maxFields}`,
    ].filter((text): text is string => typeof text === 'string');
    if (passed.length === 0) return [];
    return [
      new GraphQLError(`Operation ${name} asks too much: ${passed.join(', ')}`, {
        extensions: { code: 'QUERY_TOO_COMPLEX', limits: { ...limits } },
      }),
    ];
  });

/** Refuses `__schema` and `__type` (what introspection tools ask); `__typename` stays allowed. */
export const IntrospectionDisabled = (context: ValidationContext): ASTVisitor => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(
        new GraphQLError('Introspection is not allowed here', {
          nodes: [node],
          extensions: { code: 'INTROSPECTION_DISABLED' },
        }),
      );
    }
  },
});
