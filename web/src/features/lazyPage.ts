import { type ComponentType, lazy } from 'react';

/** A reload younger than this that still misses a chunk is not retried: the error is real, not a deploy. */
const FRESH_PAGE_MS = 10_000;

/**
 * A page whose code loads on its first visit (`() => import('./EvidencePage')`, `'EvidencePage'`), so that the
 * entry chunk holds the frame only. After a deploy an open tab may ask for a chunk the server no longer has (the
 * names are content hashes): it then reloads, once, into the new version rather than fail.
 */
export const lazyPage = <Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): ComponentType =>
  lazy<ComponentType>(async () => {
    try {
      return { default: (await load())[name] };
    } catch (error) {
      if (performance.now() < FRESH_PAGE_MS) throw error;
      window.location.reload();
      return new Promise<never>(() => {});
    }
  });
