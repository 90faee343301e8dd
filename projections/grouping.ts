/** Sums a number per key over items, in first-seen order of the keys (one counter update per key, not per item). */
export const sumBy = <Item>(
  items: readonly Item[],
  keyOf: (item: Item) => string,
  amountOf: (item: Item) => number,
) => {
  const sums = new Map<string, number>();
  for (const item of items) sums.set(keyOf(item), (sums.get(keyOf(item)) ?? 0) + amountOf(item));
  return [...sums];
};

/** The last item per key, in first-seen order of the keys. */
export const lastBy = <Item>(items: readonly Item[], keyOf: (item: Item) => string) => {
  const last = new Map<string, Item>();
  for (const item of items) last.set(keyOf(item), item);
  return [...last.values()];
};
