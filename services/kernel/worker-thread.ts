import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on one of our modules, named by its path from the project root (e.g.
 * `services/binder/event-chain-worker`). Run from the sources (tsx, Vitest), the TypeScript module is loaded
 * through tsx; run from a build, the module the build wrote beside the bundles (`<outdir>/<path>.js`, the build's
 * entry points list it) is found from the bundle that holds this code.
 */
export const startWorker = (
  path: string,
  options: WorkerOptions = {},
  /** Where built modules are looked for from (a bundle's URL); by default, where this code runs from. */
  from: string = import.meta.url,
): Worker => {
  const here = from;
  if (here.endsWith('.ts')) {
    const source = pathToFileURL(join(fileURLToPath(new URL('../..', here)), `${path}.ts`)).href;
    return new Worker(new URL('./tsx-worker.mjs', here), {
      ...options,
      workerData: { ...(options.workerData as object), typescriptModule: source },
    });
  }
  for (let folder = dirname(fileURLToPath(here)); ; folder = dirname(folder)) {
    const built = join(folder, `${path}.js`);
    if (existsSync(built)) return new Worker(pathToFileURL(built), options);
    if (dirname(folder) === folder) throw new Error(`The worker module ${path} was not built`);
  }
};
