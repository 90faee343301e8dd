/**
 * One page of a keyset-paginated list. The list has its own order; `backward` reads the rows that come before
 * `cursor` (nearest first) and the caller puts them back in list order.
 */
export interface KeysetPage<Key> {
  limit: number;
  cursor?: Key;
  backward?: boolean;
}

/** The SQL direction and comparison of a page over a list ordered `order`. */
export const pageDirection = (order: 'asc' | 'desc', page: { backward?: boolean }) => {
  const ascending = (order === 'asc') !== !!page.backward;
  return ascending ? ({ order: 'asc', after: '>' } as const) : ({ order: 'desc', after: '<' } as const);
};
