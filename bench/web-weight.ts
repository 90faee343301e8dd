/**
 * The JavaScript a first visit downloads, per kind of page, as the server sends it: plain, gzip and brotli (the
 * `.gz` and `.br` the build writes beside each file; the plain file where it wrote none). Read from web/dist and
 * Vite's manifest, rebuilt first when older than the sources. Part of `npm run bench`; alone:
 * `npx tsx bench/web-weight.ts`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Manifest } from 'vite';
import { ensureWebBuilt } from '../scripts/build';
import { webDistDir } from '../services/paths';
import { resultStamp, writeResultFile } from './report';

/** A kind of page: the HTML the server answers for it, and the pages (modules) its route loads lazily. */
interface PageKind {
  page: string;
  path: string;
  html: string;
  lazy: readonly string[];
  /** Most gzipped bytes of JavaScript it may load, if it has a target. */
  gzipBudget?: number;
}

/** A learner opens the public form on a phone, often on a slow network. */
export const PUBLIC_FORM_GZIP_BUDGET = 100_000;

export const PAGE_KINDS: readonly PageKind[] = [
  {
    page: 'public form',
    path: '/f/:token',
    html: 'public-form.html',
    lazy: [],
    gzipBudget: PUBLIC_FORM_GZIP_BUDGET,
  },
  {
    page: 'complaint page',
    path: '/r/:address',
    html: 'complaint-form.html',
    lazy: [],
    gzipBudget: PUBLIC_FORM_GZIP_BUDGET,
  },
  { page: 'dashboard', path: '/', html: 'index.html', lazy: ['src/features/dashboard/DashboardPage.tsx'] },
];

interface Bytes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface PageWeight extends Bytes {
  page: string;
  path: string;
  files: string[];
  gzipBudget: number | null;
  withinBudget: boolean | null;
}

/** The JavaScript files a page loads: its entry chunk, then its lazy pages' chunks, each with its static imports. */
export const pageScripts = (manifest: Manifest, kind: PageKind): string[] => {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is no chunk of the build: is it still loaded lazily?`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of [kind.html, ...kind.lazy]) visit(key);
  return [...files];
};

/** A file's size as sent to a browser that accepts gzip, brotli, or neither. */
const sentBytes = (path: string): Bytes => {
  const raw = statSync(path).size;
  const variant = (extension: string) =>
    existsSync(`${path}.${extension}`) ? statSync(`${path}.${extension}`).size : raw;
  return { raw, gzip: variant('gz'), brotli: variant('br') };
};

/** The first visit's JavaScript of every kind of page, from a build folder (default web/dist). */
export const pageWeights = (dist: string = webDistDir): PageWeight[] => {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  return PAGE_KINDS.map((kind) => {
    const files = pageScripts(manifest, kind);
    const total = files
      .map((file) => sentBytes(join(dist, file)))
      .reduce((sum, bytes) => ({
        raw: sum.raw + bytes.raw,
        gzip: sum.gzip + bytes.gzip,
        brotli: sum.brotli + bytes.brotli,
      }));
    const gzipBudget = kind.gzipBudget ?? null;
    return {
      page: kind.page,
      path: kind.path,
      files,
      ...total,
      gzipBudget,
      withinBudget: gzipBudget === null ? null : total.gzip <= gzipBudget,
    };
  });
};

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The weights as a table, one line per kind of page. */
export const webWeightTable = (pages: readonly PageWeight[]): string => {
  const header = ['page', 'path', 'files', 'raw', 'gzip', 'brotli', 'target'];
  const rows = pages.map((page) => [
    page.page,
    page.path,
    String(page.files.length),
    kB(page.raw),
    kB(page.gzip),
    kB(page.brotli),
    page.gzipBudget === null ? '—' : `≤ ${kB(page.gzipBudget)} gzip: ${page.withinBudget ? 'met' : 'MISSED'}`,
  ]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const format = (cells: readonly string[]) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [
    "Web app — a first visit's JavaScript as sent (web/dist; gzip and brotli as the build compressed them)",
    format(header),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...rows.map(format),
  ].join('\n');
};

export interface WebWeightResult {
  pages: PageWeight[];
}

/** Builds web/dist if it is stale, prints the weights of its pages and answers them. */
export const measureWebWeight = async ({ log }: { log: (message: string) => void }) => {
  log('Web app weight (web/dist)');
  await ensureWebBuilt();
  const result: WebWeightResult = { pages: pageWeights() };
  process.stdout.write(`${webWeightTable(result.pages)}\n`);
  return result;
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const startedAt = new Date();
  const result = await measureWebWeight({ log: (message) => process.stderr.write(`${message}\n`) });
  const path = writeResultFile(`web-weight-${resultStamp(startedAt)}.json`, {
    startedAt: startedAt.toISOString(),
    ...result,
  });
  process.stdout.write(`Results: ${path}\n`);
}
