import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Manifest } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageWeight, PUBLIC_FORM_GZIP_BUDGET, pageWeights } from '../bench/web-weight';
import { buildWeb } from '../scripts/build';
import { loadConfig } from '../services/config';
import { securityPlugin } from '../services/http/security';
import { webAppPlugin } from '../services/http/web-app';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Text only the dashboard's code holds: the GraphQL printer, our GraphQL client, TanStack Query, the router. */
const DASHBOARD_ONLY = [
  'Invalid AST Node',
  'Empty GraphQL response',
  'No QueryClient set',
  'useNavigate() may be used only',
];

describe('the built web app as the server sends it', () => {
  let dist: string;
  let app: FastifyInstance;
  let entry: string;

  // Built into a folder of its own: web/dist may be rebuilt by another test file running beside this one.
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
    await buildWeb({ outDir: dist });
    const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
    entry = manifest['index.html']!.file;
    app = Fastify();
    // With the CORS headers of an allowed origin, which set Vary too.
    await app.register(securityPlugin, { config: loadConfig({ CORS_ORIGINS: 'https://partner.example' }) });
    await app.register(webAppPlugin, { root: dist });
    await app.ready();
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends a hashed asset as brotli or gzip by Accept-Encoding, cached for a year as immutable', async () => {
    const plain = readFileSync(join(dist, entry));
    for (const [acceptEncoding, encoding, decompress] of [
      ['br, gzip', 'br', brotliDecompressSync],
      ['gzip, deflate', 'gzip', gunzipSync],
    ] as const) {
      const response = await get(`/${entry}`, acceptEncoding);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
      expect(response.headers.vary).toMatch(/\baccept-encoding\b/i);
      expect(response.headers['cache-control']).toBe(IMMUTABLE);
      expect(response.rawPayload.length).toBeLessThan(plain.length / 2);
      expect(decompress(response.rawPayload).equals(plain)).toBe(true);
    }
  });

  it('sends the plain file to a client that accepts no compression, still varying on Accept-Encoding', async () => {
    const response = await get(`/${entry}`);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toMatch(/\baccept-encoding\b/i);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    expect(response.rawPayload.equals(readFileSync(join(dist, entry)))).toBe(true);
  });

  it('keeps the Vary of CORS beside its own', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/${entry}`,
      headers: { 'accept-encoding': 'gzip', origin: 'https://partner.example' },
    });
    expect(response.headers.vary).toMatch(/\borigin\b/i);
    expect(response.headers.vary).toMatch(/\baccept-encoding\b/i);
  });

  it('answers / and any page path with index.html, compressed, and to be checked again at each visit', async () => {
    const index = readFileSync(join(dist, 'index.html'));
    for (const url of ['/', '/evidence?indicator=30', '/actions/0f6a2c9e']) {
      const response = await get(url, 'gzip');
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(gunzipSync(response.rawPayload).equals(index), url).toBe(true);
    }
  });

  it('answers 304 to a browser checking a page it already has, unchanged', async () => {
    const first = await get('/', 'br');
    const again = await app.inject({
      method: 'GET',
      url: '/',
      headers: { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it("answers the public form's own page, not the app's, for /f/<token> (and the complaint page's for /r/<address>), also to be checked again", async () => {
    const page = readFileSync(join(dist, 'public-form.html'));
    const complaintPage = await get('/r/AbCdEfGhIjKlMnOpQrSt', 'br');
    expect(complaintPage.statusCode).toBe(200);
    expect(
      brotliDecompressSync(complaintPage.rawPayload).equals(readFileSync(join(dist, 'complaint-form.html'))),
    ).toBe(true);
    const response = await get('/f/Zm9ybS1saW5rLXRva2Vu.c2lnbmF0dXJl', 'br');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(response.rawPayload).equals(page)).toBe(true);
  });

  it('answers 404 for a missing asset (an old page asking for a chunk a deploy removed), not a page', async () => {
    const response = await get('/assets/index-Gone1234.js', 'br');
    expect(response.statusCode).toBe(404);
    expect(response.headers['cache-control']).toBeUndefined();
  });

  it('does not serve the build manifest', async () => {
    const response = await get('/.vite/manifest.json');
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });

  it('loads the public form and the complaint page with at most 100 kB of gzipped JavaScript each, and no GraphQL, TanStack Query or router', () => {
    const pages = pageWeights(dist);
    const page = (path: string) => pages.find((candidate) => candidate.path === path)!;
    const text = ({ files }: PageWeight) =>
      files.map((file) => readFileSync(join(dist, file), 'utf8')).join('\n');
    for (const form of [page('/f/:token'), page('/r/:address')]) {
      expect(form.gzip, form.path).toBeLessThanOrEqual(PUBLIC_FORM_GZIP_BUDGET);
      expect(form.withinBudget).toBe(true);
      for (const marker of DASHBOARD_ONLY) {
        // Found in the dashboard's code, so that its absence from the form's means something.
        expect(text(page('/')), marker).toContain(marker);
        expect(text(form), marker).not.toContain(marker);
      }
    }
  });

  it('loads chart.js only when a results trend is drawn: never in the dashboard’s first load, the form or the results page', () => {
    const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
    const chartOnly = 'Canvas is already in use';
    const chunkText = (key: string) => readFileSync(join(dist, manifest[key]!.file), 'utf8');
    const pages = pageWeights(dist);
    for (const page of pages) {
      const text = page.files.map((file) => readFileSync(join(dist, file), 'utf8')).join('\n');
      expect(text, page.path).not.toContain(chartOnly);
    }
    expect(chunkText('src/features/results/ResultsPage.tsx')).not.toContain(chartOnly);
    expect(chunkText('src/features/results/trendChart.ts')).toContain(chartOnly);
  });
});
