import DataLoader from 'dataloader';
import type { GraphQLContext } from './context';

/**
 * A batch loader kept for the length of one request: `perRequest(batch)` answers `(context) => loader`, so a
 * type file declares its loaders beside its fields and the shared context never lists them.
 */
export const perRequest = <Key, Value>(
  batch: (context: GraphQLContext, keys: readonly Key[]) => Promise<Value[]>,
) => {
  const loaders = new WeakMap<GraphQLContext, DataLoader<Key, Value>>();
  return (context: GraphQLContext): DataLoader<Key, Value> => {
    let loader = loaders.get(context);
    if (!loader) {
      loader = new DataLoader((keys) => batch(context, keys));
      loaders.set(context, loader);
    }
    return loader;
  };
};

/** Rows grouped under each key, in the keys' order (a key without rows gets an empty list). */
export const groupedBy = <Row>(
  rows: readonly Row[],
  keyOf: (row: Row) => string,
  keys: readonly string[],
) => {
  const groups = new Map<string, Row[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
};
