import { GraphQLError, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../services/config';
import { IntrospectionDisabled, OPERATION_LIMITS, operationLimitErrors } from './operation-limits';

export interface GraphQLGuardOptions {
  maxTokens: number;
  introspection: Config['GRAPHQL_INTROSPECTION'];
  /** Whether the request's context belongs to a signed-in member. */
  signedIn(context: unknown): boolean;
}

// graphql-js 16 words it "more that N tokens"; later versions may fix the typo.
const TOKEN_LIMIT = /contains more th(?:an|at) \d+ tokens/;

/**
 * What a document may cost before any resolver runs: a token limit while parsing, bounds on depth, aliases and
 * fields (introspection counted), and introspection only for whom the configuration allows it.
 */
export const graphQLGuards = (options: GraphQLGuardOptions): Plugin => ({
  onParse({ setParseFn }) {
    setParseFn((source, parseOptions) => {
      try {
        return parse(source, { ...parseOptions, maxTokens: options.maxTokens });
      } catch (error) {
        if (!(error instanceof GraphQLError) || !TOKEN_LIMIT.test(error.message)) throw error;
        throw new GraphQLError(`The query is too long: at most ${options.maxTokens} tokens`, {
          extensions: { code: 'QUERY_TOO_LARGE', http: { status: 400 } },
        });
      }
    });
  },
  onValidate({ params, context, addValidationRule, setResult }) {
    // Before the standard rules: some of them grow with the square of the aliases, so an oversized document is
    // refused without paying for them. Yoga caches the verdict per document.
    const errors = operationLimitErrors(params.documentAST, OPERATION_LIMITS);
    if (errors.length > 0) {
      setResult(errors);
      return;
    }
    const allowed =
      options.introspection === 'public' ||
      (options.introspection === 'members' && options.signedIn(context));
    // A named rule: yoga's validation cache keys on rule names, so members and others never share a verdict.
    if (!allowed) addValidationRule(IntrospectionDisabled);
  },
});
