import { fileURLToPath } from 'node:url';

/** The built web app (vite's output). */
export const webDistDir = fileURLToPath(new URL('../web/dist', import.meta.url));
