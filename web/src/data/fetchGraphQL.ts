/** The GraphQL client: typed documents over the shared fetch wrapper (`../api.ts`), with read-your-writes. */
import { print } from 'graphql';
import { ApiError, errorFrom, jsonHeaders, minPosition, readJson, retryAfterFrom, send } from '../api';
import type { TadaDocumentNode } from './graphql';

interface GraphQLResponse {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: unknown; [key: string]: unknown } }[];
}

/** Documents are constants: print each one once. */
const printed = new WeakMap<object, string>();
const textOf = <Result, Variables>(document: TadaDocumentNode<Result, Variables>): string => {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
};

/** Runs a typed GraphQL document; throws an `ApiError` with the first error's `extensions.code`. */
export async function fetchGraphQL<Result, Variables>(
  document: TadaDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  const headers: Record<string, string> = { ...jsonHeaders };
  const position = minPosition();
  if (position !== null) headers['X-Min-Position'] = position;
  const response = await send('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: textOf(document), variables }),
  });
  const body = (await readJson(response)) as GraphQLResponse | null;
  const first = body?.errors?.[0];
  if (first && typeof first.message === 'string') {
    // GraphQL codes are upper case (`UNAUTHENTICATED`); REST codes are lower case: one vocabulary for both.
    const code =
      typeof first.extensions?.code === 'string' ? first.extensions.code.toLowerCase() : 'graphql_error';
    const { code: _code, ...details } = first.extensions ?? {};
    throw new ApiError(
      response.ok ? 200 : response.status,
      code,
      first.message,
      details,
      retryAfterFrom(response),
    );
  }
  if (!response.ok) throw errorFrom(response, body);
  if (!body?.data) throw new ApiError(response.status, 'graphql_error', 'Empty GraphQL response');
  return body.data as Result;
}
