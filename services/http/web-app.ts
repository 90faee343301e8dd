import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

const API_PATHS = /^\/(api|graphql|health|docs)(\/|$)/;

/** The public feedback form is a page of its own (web/public-form.html): a phone loads none of the dashboard. */
const PUBLIC_FORM_PATH = /^\/(f\/[^/]+|a\/[^/]+(\/opt-out)?)$/;
/** An organisation's public complaint page is another (web/complaint-form.html). */
const COMPLAINT_FORM_PATH = /^\/r\/[^/]+$/;

/** Vite names what it builds under assets/ `<name>-<content hash>.<ext>`: new content, new name. */
const HASHED_ASSET = /^assets\/[^/]+-[\w-]{8,}\.\w+(\.br|\.gz)?$/;

/**
 * Hashed assets never change, so browsers keep them for a year without asking; anything else (the pages) is
 * checked with the server at each visit (a 304 when unchanged), so that a deploy is seen at once.
 */
const cacheControl = (root: string, file: string): string =>
  HASHED_ASSET.test(relative(root, file).split(sep).join('/'))
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';

/** Adds Accept-Encoding to Vary, beside what others put there (CORS adds Origin). */
const varyOnEncoding = (reply: FastifyReply) => {
  const vary = String(reply.getHeader('vary') ?? '');
  if (/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) return;
  reply.header('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
};

/**
 * The built web app, and its pages: `/f/<token>` answers the public form's page, any other GET index.html;
 * unknown API paths answer 404. Files are sent as the build compressed them (`.br`, `.gz`), by Accept-Encoding.
 */
export const webAppPlugin = async (app: FastifyInstance, { root }: { root: string }) => {
  const built = existsSync(root);
  if (built) {
    await app.register(fastifyStatic, {
      root,
      wildcard: true,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (response, file) => response.setHeader('cache-control', cacheControl(root, file)),
      // The build's manifest (.vite/) tells the bench and tests which files a page loads; browsers have no use for it.
      dotfiles: 'ignore',
    });
  }
  // A file's brotli, gzip and plain copies share its URL: caches must keep them apart.
  app.addHook('onSend', async (_request, reply) => varyOnEncoding(reply));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // A missing asset (an old page asking for a chunk a deploy removed) fails as a script, not as HTML.
    if (request.method !== 'GET' || API_PATHS.test(path) || path.startsWith('/assets/') || !built) {
      return reply.code(404).send({ code: 'route_not_found', message: `No route ${request.method} ${path}` });
    }
    const page = PUBLIC_FORM_PATH.test(path)
      ? 'public-form.html'
      : COMPLAINT_FORM_PATH.test(path)
        ? 'complaint-form.html'
        : 'index.html';
    return reply.type('text/html').sendFile(page);
  });
};
