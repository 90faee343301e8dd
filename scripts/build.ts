// A script rather than an esbuild config file: the production-build test calls buildServer with its own outdir.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { projectRoot } from '../services/paths';

// Modules imported by other scripts, and this build itself: not commands to run.
const notEntryPoints = new Set(['build.ts', 'open-store.ts']);

/** The files `npm run build` compiles: the server and every command-line script. */
export const serverEntryPoints = (): string[] => [
  'services/server.ts',
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  await buildServer();
  console.log(`Server and scripts compiled to dist/ in ${Date.now() - started} ms`);
}
