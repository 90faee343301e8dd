import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ['node_modules/gql.tada/bin/cli.js', ...args], { cwd: process.cwd() });
const committed = 'web/src/graphql-env.d.ts';

describe("the web app's GraphQL types", () => {
  it("the web app's GraphQL types match schema/schema.graphql (run npx gql.tada generate-output after a schema change)", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'gql-tada-'));
    try {
      const fresh = join(folder, 'graphql-env.d.ts');
      await cli('generate-output', '--output', fresh);
      expect(await readFile(fresh, 'utf8')).toBe(await readFile(committed, 'utf8'));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 180_000);

  it('every GraphQL document of the web app is valid against schema/schema.graphql (gql.tada check)', async () => {
    // Types alone let an unknown field through as `unknown`; the check names it.
    const { stdout } = await cli('check', '--fail-on-warn');
    expect(stdout).toContain('No problems found');
  }, 180_000);
});
