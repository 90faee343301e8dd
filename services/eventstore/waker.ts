/** Wakes waiting readers when new events may be readable; a timeout is the polling fallback. */
export const createWaker = () => {
  const waiters = new Set<() => void>();
  return {
    wake() {
      // Every append wakes: with nobody waiting (the common case under write load) it costs nothing.
      if (waiters.size === 0) return;
      const current = [...waiters];
      waiters.clear();
      for (const resolve of current) resolve();
    },
    /** Resolves true when woken, false on timeout or abort. */
    wait(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
      return new Promise((resolve) => {
        if (signal?.aborted) return resolve(false);
        let settled = false;
        const finish = (woken: boolean) => {
          if (settled) return;
          settled = true;
          waiters.delete(onWake);
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(woken);
        };
        const onWake = () => finish(true);
        const onAbort = () => finish(false);
        const timer = setTimeout(() => finish(false), timeoutMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.add(onWake);
      });
    },
  };
};
