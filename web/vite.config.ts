import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { type Connect, defineConfig, type Plugin } from 'vite';

/** Folder of this config file: the build works from the repo root (`--config web/vite.config.ts`) or from here. */
const root = fileURLToPath(new URL('.', import.meta.url));

const backend = 'http://localhost:3000';
const proxy = Object.fromEntries(['/api', '/graphql', '/health', '/docs'].map((path) => [path, backend]));

// The public feedback form is a page of its own, so that a learner's phone loads none of the dashboard's code;
// the server answers it for `/f/<token>` and `/a/<token>` (services/http/web-app.ts), and so do `vite` and
// `vite preview`; the public complaint page, `/r/<address>`, is another.
const publicFormPage: Connect.NextHandleFunction = (request, _response, next) => {
  if (/^\/(f|a)\/[^/?]+/.test(request.url ?? '')) request.url = '/public-form.html';
  else if (/^\/r\/[^/?]+/.test(request.url ?? '')) request.url = '/complaint-form.html';
  next();
};

const gzipFile = promisify(gzip);
const brotliFile = promisify(brotliCompress);

/** Text files worth compressing; the manifest under `.vite/` is read by the bench and tests, not by browsers. */
const COMPRESSIBLE = /^(?!\.vite\/).+\.(?:js|css|html|svg|json)$/;

/**
 * Writes `<file>.br` and `<file>.gz` beside each text file of the build, at the highest levels: compressed once
 * per build rather than per request, and the server picks the variant from Accept-Encoding (`preCompressed`).
 */
const precompress = (): Plugin => ({
  name: 'precompress',
  apply: 'build',
  async writeBundle({ dir }, bundle) {
    if (!dir) return;
    const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
    await Promise.all(
      files.map(async (name) => {
        const path = join(dir, name);
        const content = await readFile(path);
        const variants = {
          gz: await gzipFile(content, { level: 9 }),
          br: await brotliFile(content, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
        };
        // A variant no smaller than the file is left out: the server then sends the file itself.
        for (const [extension, compressed] of Object.entries(variants)) {
          if (compressed.length < content.length) await writeFile(`${path}.${extension}`, compressed);
        }
      }),
    );
  },
});

export default defineConfig({
  root,
  plugins: [
    react(),
    precompress(),
    {
      name: 'public-form-page',
      configureServer: (server) => void server.middlewares.use(publicFormPage),
      configurePreviewServer: (server) => void server.middlewares.use(publicFormPage),
    },
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Which files each page loads, for bench/web-weight.ts and the test of the public form's weight.
    manifest: true,
    rolldownOptions: {
      input: {
        main: join(root, 'index.html'),
        publicForm: join(root, 'public-form.html'),
        complaintForm: join(root, 'complaint-form.html'),
      },
    },
  },
  server: { proxy },
  preview: { proxy },
});
