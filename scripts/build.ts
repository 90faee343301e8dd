// A script rather than an esbuild config file: the production-build test calls buildServer with its own outdir,
// and tests and benches build the web app through buildWeb.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { projectRoot, webDistDir } from '../services/paths';

// Modules imported by other scripts, and this build itself: not commands to run.
const notEntryPoints = new Set(['build.ts', 'open-store.ts']);

/** The files `npm run build` compiles: the server and every command-line script. */
export const serverEntryPoints = (): string[] => [
  'services/server.ts',
  // A worker thread's module is loaded by path, not imported: it is built beside the bundles (see event-chain.ts).
  'services/binder/event-chain-worker.ts',
  ...readdirSync(join(projectRoot, 'scripts'))
    .filter((name) => name.endsWith('.ts') && !notEntryPoints.has(name))
    .map((name) => `scripts/${name}`),
];

/** Compiles the entry points to `outdir` (default dist/) as ESM bundles that import node_modules at run time. */
export const buildServer = async ({ outdir = join(projectRoot, 'dist') }: { outdir?: string } = {}) => {
  rmSync(outdir, { recursive: true, force: true });
  return build({
    absWorkingDir: projectRoot,
    entryPoints: serverEntryPoints(),
    outbase: '.',
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
};

/** Builds the web app into `outDir` (default web/dist) as `npm run build:web` does. */
export const buildWeb = async ({ outDir = webDistDir }: { outDir?: string } = {}): Promise<void> => {
  const vite = join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  await promisify(execFile)(
    process.execPath,
    [vite, 'build', '--config', 'web/vite.config.ts', '--outDir', outDir, '--logLevel', 'warn'],
    // Vitest sets NODE_ENV=test, with which Vite would bundle React's development build (half as big again).
    { cwd: projectRoot, env: { ...process.env, NODE_ENV: 'production' } },
  );
};

/** The newest modification time under a folder or of a file. */
const newestChange = (path: string): number =>
  statSync(path).isDirectory()
    ? readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), 0)
    : statSync(path).mtimeMs;

/** Whether web/dist is there, with its manifest, and newer than the web app's sources and config. */
const webIsBuilt = () => {
  const manifest = join(webDistDir, '.vite', 'manifest.json');
  const web = join(projectRoot, 'web');
  const sources = readdirSync(web)
    .filter((name) => name === 'src' || name.endsWith('.html') || name.endsWith('.config.ts'))
    .map((name) => join(web, name));
  return existsSync(manifest) && Math.max(...sources.map(newestChange)) < statSync(manifest).mtimeMs;
};

/** A build left behind by a killed process stops holding the others back after this long. */
const STALE_BUILD_LOCK_MS = 5 * 60_000;

/**
 * Builds web/dist unless it is up to date. Test files run in parallel workers: one builds while the others wait
 * (a lock directory, created atomically), so two builds never write web/dist at once.
 */
export const ensureWebBuilt = async (): Promise<void> => {
  const lock = `${webDistDir}.lock`;
  for (;;) {
    if (webIsBuilt()) return;
    try {
      mkdirSync(lock);
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_BUILD_LOCK_MS) {
        rmSync(lock, { recursive: true, force: true });
      }
      await sleep(200);
      continue;
    }
    try {
      if (!webIsBuilt()) await buildWeb();
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  await buildServer();
  console.log(`Server and scripts compiled to dist/ in ${Date.now() - started} ms`);
}
