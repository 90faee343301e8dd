import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Folder of this config file: the build works from the repo root (`--config web/vite.config.ts`) or from here. */
const root = fileURLToPath(new URL('.', import.meta.url));

const backend = 'http://localhost:3000';
const proxy = Object.fromEntries(['/api', '/graphql', '/health', '/docs'].map((path) => [path, backend]));

export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy },
  preview: { proxy },
});
