import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../scripts/build';
import { chainEventsAside } from '../services/binder/event-chain';
import { projectRoot, webDistDir } from '../services/paths';
import { asEventRow, binderEvents } from './support/binder-source';
import { type ChildServer, freePort, startChildServer, waitForOk } from './support/child-server';

// Inside the project, not in /tmp: the bundle imports its packages from the project's node_modules and finds
// the web app from the nearest package.json, exactly as dist/ does.
const cacheDir = join(projectRoot, 'node_modules', '.cache');

/** Not Node's default (511) nor ours (4096): seen on the socket only if the setting reaches listen(). */
const LISTEN_BACKLOG = 1234;

describe('the compiled server (npm run build, then node dist/services/server.js)', () => {
  let outdir: string;
  let dataDir: string;
  let server: ChildServer | undefined;

  beforeAll(async () => {
    mkdirSync(cacheDir, { recursive: true });
    outdir = mkdtempSync(join(cacheDir, 'production-build-'));
    dataDir = mkdtempSync(join(tmpdir(), 'production-build-data-'));
    await buildServer({ outdir });
    server = startChildServer(
      ['--enable-source-maps', join(outdir, 'services', 'server.js')],
      await freePort(),
      {
        DATABASE_URL: undefined,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        LISTEN_BACKLOG: String(LISTEN_BACKLOG),
      },
    );
    await waitForOk(server, '/health', 120_000);
  }, 180_000);

  afterAll(async () => {
    await server?.kill();
    rmSync(outdir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the binder’s event-chain worker from the build, giving what the sources give', async () => {
    expect(existsSync(join(outdir, 'services', 'binder', 'event-chain-worker.js'))).toBe(true);
    const chain = async (workerFrom?: string) => {
      const chained = await chainEventsAside(
        (async function* () {
          yield* binderEvents.map(asEventRow);
        })(),
        { level: 6, onEvent: () => {}, workerFrom },
      );
      await chained.remove();
      return { head: chained.chain.head, count: chained.chain.count, sha256: chained.sha256 };
    };
    const built = await chain(pathToFileURL(join(outdir, 'services', 'server.js')).href);
    expect(built.count).toBe(binderEvents.length);
    expect(built).toEqual(await chain());
  });

  it('listens with the configured backlog, not Node’s 511 (LISTEN_BACKLOG)', () => {
    // ss shows a listening socket's backlog as its Send-Q (the kernel caps it at net.core.somaxconn).
    const port = new URL(server!.url).port;
    const line = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim();
    const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
    expect(line.split(/\s+/)[2]).toBe(String(Math.min(LISTEN_BACKLOG, somaxconn)));
  });

  it('starts on embedded PGlite and reports itself healthy', async () => {
    const response = await fetch(`${server!.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'pglite' });
  });

  it('answers the API: a fresh store asks for the one-time setup', async () => {
    const response = await fetch(`${server!.url}/api/setup`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ needed: true });
  });

  it.skipIf(!existsSync(join(webDistDir, 'index.html')))(
    'serves the built web app at / (skipped until npm run build:web has written web/dist)',
    async () => {
      const response = await fetch(`${server!.url}/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toBe(readFileSync(join(webDistDir, 'index.html'), 'utf8'));
    },
  );
});
