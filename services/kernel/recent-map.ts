/**
 * A map that keeps about the `max` most recently used entries, for the caches of one process (subjects' keys,
 * public links, sessions' last writes).
 *
 * Two generations instead of one map trimmed oldest-first: deleting a Map's first entry leaves a hole that the
 * next `keys().next()` walks over, so evicting that way cost about 12 µs per new entry once the map was full
 * (measured with the vault's key cache, where every public answer is a new subject). A full young generation
 * becomes the old one and the old one is dropped; an entry read from the old one moves back to the young one.
 * So it holds between max/2 and max entries once full, and a used entry survives at least max/2 insertions.
 */
export interface RecentMap<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  delete(key: K): void;
  readonly size: number;
}

export const createRecentMap = <K, V>(max: number): RecentMap<K, V> => {
  const half = Math.max(1, Math.floor(max / 2));
  let young = new Map<K, V>();
  let old = new Map<K, V>();
  const keep = (key: K, value: V) => {
    if (young.size >= half && !young.has(key)) {
      old = young;
      young = new Map();
    }
    young.set(key, value);
  };
  return {
    get(key) {
      const value = young.get(key);
      if (value !== undefined || young.has(key)) return value;
      if (!old.has(key)) return undefined;
      const moved = old.get(key) as V;
      old.delete(key);
      keep(key, moved);
      return moved;
    },
    set(key, value) {
      old.delete(key);
      keep(key, value);
    },
    delete(key) {
      young.delete(key);
      old.delete(key);
    },
    get size() {
      return young.size + old.size;
    },
  };
};
