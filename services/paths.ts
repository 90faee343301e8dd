import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `start` that holds a package.json; `undefined` when there is none. */
export const findPackageRoot = (start: string): string | undefined => {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) return undefined;
  }
};

// Walking up rather than a fixed '../': this module runs from services/ under tsx and vitest, and from
// dist/services/ once bundled, and both must find the same project folder.
/** The project folder (where package.json is), found from this module's location; else the working folder. */
export const projectRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url))) ?? process.cwd();

/** The built web app that the server serves (`npm run build:web` writes it). */
export const webDistDir = join(projectRoot, 'web', 'dist');
