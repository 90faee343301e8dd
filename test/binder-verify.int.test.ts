import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { ZipFile } from 'yazl';
import { canonicalJson } from '../services/binder/canonical-json';
import type { BinderSource } from '../services/binder/content';
import {
  type BinderManifest,
  type BinderSigner,
  chainHash,
  MANIFEST_PATH,
  PUBLIC_KEY_PATH,
  SIGNATURE_PATH,
  SUMS_PATH,
  sumsText,
} from '../services/binder/format';
import { signerOf } from '../services/binder/signing';
import { verifyBinder } from '../services/binder/verify';
import { BinderWriteError, writeBinder } from '../services/binder/writer';
import { asEventRow, binderEvents, binderSource, fakeParts } from './support/binder-source';

const run = promisify(execFile);

let dir: string;
const organisationKey = signerOf(generateKeyPairSync('ed25519').privateKey);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'binder-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let counter = 0;
const binderPath = (name: string) => {
  counter += 1;
  return join(dir, `${name}-${counter}.zip`);
};

const write = async (
  name: string,
  source: BinderSource = binderSource(),
  signer: BinderSigner = organisationKey,
  onProgress?: (done: number, total: number, step: string) => void,
) => {
  const path = binderPath(name);
  const written = await writeBinder(source, fakeParts, signer, createWriteStream(path), onProgress);
  return { path, written };
};

interface Entry {
  path: string;
  bytes: Buffer;
}

/** Test-only: a small ZIP read whole, entries in order. */
const readZip = async (path: string): Promise<Entry[]> => {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const entries: Entry[] = [];
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.push({ path: entry.fileName, bytes: Buffer.concat(chunks) });
  }
  zip.close();
  return entries;
};

/** Test-only: what a tamperer does, repacking the entries (in their order) as a new ZIP. */
const writeZip = async (entries: readonly Entry[]): Promise<string> => {
  const path = binderPath('tampered');
  const zip = new ZipFile();
  for (const entry of entries) zip.addBuffer(entry.bytes, entry.path, { mtime: new Date(2026, 2, 31) });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(path)).on('finish', resolve).on('error', reject);
  });
  return path;
};

const tamper = async (source: string, change: (entries: Entry[]) => Entry[]) =>
  writeZip(change(await readZip(source)));

const failuresOf = async (path: string, fingerprint?: string) => {
  const verification = await verifyBinder(path, fingerprint === undefined ? {} : { fingerprint });
  return verification.failures.map((failure) => failure.message);
};

/** Re-signs the binder with another key, as a forger would: manifest, signature and sums made consistent again. */
const resign = (entries: Entry[], forger: BinderSigner, swapKey: boolean): Entry[] => {
  const byPath = (path: string) => entries.find((entry) => entry.path === path)!;
  const manifest = JSON.parse(byPath(MANIFEST_PATH).bytes.toString('utf8')) as BinderManifest;
  if (swapKey) {
    const pem = Buffer.from(forger.publicKeyPem, 'utf8');
    byPath(PUBLIC_KEY_PATH).bytes = pem;
    manifest.signature.fingerprint = forger.fingerprint;
    const file = manifest.files.find((candidate) => candidate.path === PUBLIC_KEY_PATH)!;
    file.size = pem.length;
    file.sha256 = sha256(pem);
  }
  const manifestBytes = Buffer.from(`${canonicalJson(manifest)}\n`, 'utf8');
  byPath(MANIFEST_PATH).bytes = manifestBytes;
  byPath(SIGNATURE_PATH).bytes = Buffer.from(
    `${Buffer.from(forger.sign(manifestBytes) as Buffer).toString('base64')}\n`,
  );
  byPath(SUMS_PATH).bytes = Buffer.from(
    sumsText(
      entries
        .filter((entry) => entry.path !== SUMS_PATH)
        .map((entry) => ({ path: entry.path, sha256: sha256(entry.bytes) })),
    ),
  );
  return entries;
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('audit binder: written, then verified offline', () => {
  it('holds the PDF, the tables, the documents, the chained events, the key, the signed manifest and the sums', async () => {
    const steps = new Set<string>();
    let last: [number, number] = [0, 0];
    const { path, written } = await write('binder', binderSource(), organisationKey, (done, total, step) => {
      steps.add(step);
      expect(done).toBeLessThanOrEqual(total);
      last = [done, total];
    });

    const paths = (await readZip(path)).map((entry) => entry.path);
    expect(paths).toEqual([
      'binder.pdf',
      'data/indicateur-31.csv',
      'data/indicateur-32.csv',
      'documents/4d1c2b9e-1111-4aaa-8bbb-000000000001/v1/Procedure-reclamations.pdf',
      'documents/4d1c2b9e-1111-4aaa-8bbb-000000000001/v2/Procedure-reclamations.pdf',
      'documents/9e8f7a6b-2222-4ccc-8ddd-000000000002/v1/etc-passwd',
      'events/events.jsonl',
      'public-key.pem',
      'manifest.json',
      'manifest.sig',
      'SHA256SUMS',
    ]);
    expect(written.manifest.events).toMatchObject({ count: 4, firstPosition: 3, lastPosition: 20 });
    expect(written.manifest.request.asOfPosition).toBe(20);
    expect(written.manifest.signature.fingerprint).toBe(organisationKey.fingerprint);
    expect(written.bytes).toBe((await readFile(path)).length);
    expect([...steps]).toEqual(['pdf', 'tables', 'documents', 'events', 'manifest', 'done']);
    // 4 items read (once each, though the PDF and the tables both read them) and 4 events.
    expect(last).toEqual([8, 8]);

    const unzipped = join(dir, 'unzipped');
    await run('unzip', ['-q', path, '-d', unzipped]);
    const { stdout } = await run('sha256sum', ['-c', SUMS_PATH], { cwd: unzipped });
    expect(stdout).toContain('data/indicateur-31.csv: OK');
    expect(stdout).toContain('manifest.sig: OK');

    const verification = await verifyBinder(path, { fingerprint: organisationKey.fingerprint });
    expect(verification.failures).toEqual([]);
    expect(verification).toMatchObject({ ok: true, events: 4, fingerprint: organisationKey.fingerprint });
  });

  it('chains each event line to the one before from the genesis', async () => {
    const { path } = await write('chain');
    const events = (await readZip(path)).find((entry) => entry.path === 'events/events.jsonl')!;
    const lines = events.bytes.toString('utf8').trimEnd().split('\n');
    let previous = '0'.repeat(64);
    lines.forEach((line, index) => {
      const parsed = JSON.parse(line);
      expect(canonicalJson(parsed)).toBe(line);
      expect(parsed.event).toEqual(binderEvents[index]);
      expect(parsed.prev).toBe(previous);
      expect(parsed.hash).toBe(chainHash(previous, canonicalJson(parsed.event)));
      previous = parsed.hash;
    });
  });

  it('gives the same bytes when written twice, whatever the time zone of the process', async () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const first = await write('twice');
      process.env.TZ = 'America/New_York';
      const second = await write('twice');
      expect(second.written.sha256).toBe(first.written.sha256);
      expect((await readFile(second.path)).equals(await readFile(first.path))).toBe(true);
    } finally {
      process.env.TZ = zone;
    }
  });

  it('names a file whose content was altered', async () => {
    const { path } = await write('altered');
    const tampered = await tamper(path, (entries) =>
      entries.map((entry) => {
        if (entry.path !== 'data/indicateur-31.csv') return entry;
        const bytes = Buffer.from(entry.bytes);
        bytes[5] = bytes[5]! ^ 0x01;
        return { path: entry.path, bytes };
      }),
    );
    expect(await failuresOf(tampered)).toEqual([
      'ÉCHEC — fichier modifié : data/indicateur-31.csv (modified file)',
    ]);
  });

  it('names the file whose byte was flipped inside the ZIP itself', async () => {
    const { path } = await write('flipped');
    const zip = await readFile(path);
    // binder.pdf is stored uncompressed: its text sits as is in the archive.
    const at = zip.indexOf('fake binder');
    zip[at] = zip[at]! ^ 0x20;
    const flipped = binderPath('flipped-raw');
    await writeFile(flipped, zip);
    expect(await failuresOf(flipped)).toEqual(['ÉCHEC — fichier modifié : binder.pdf (modified file)']);
  });

  it('names a removed file', async () => {
    const { path } = await write('removed');
    const tampered = await tamper(path, (entries) =>
      entries.filter((entry) => entry.path !== 'data/indicateur-32.csv'),
    );
    expect(await failuresOf(tampered)).toEqual([
      'ÉCHEC — fichier supprimé : data/indicateur-32.csv (removed file)',
    ]);
  });

  it('names an added file', async () => {
    const { path } = await write('added');
    const tampered = await tamper(path, (entries) => [
      ...entries.slice(0, 3),
      { path: 'data/indicateur-33.csv', bytes: Buffer.from('date;titre\n') },
      ...entries.slice(3),
    ]);
    expect(await failuresOf(tampered)).toEqual([
      'ÉCHEC — fichier ajouté : data/indicateur-33.csv (added file)',
    ]);
  });

  it('names two events swapped in events.jsonl', async () => {
    const { path } = await write('swapped');
    const tampered = await tamper(path, (entries) =>
      entries.map((entry) => {
        if (entry.path !== 'events/events.jsonl') return entry;
        const lines = entry.bytes.toString('utf8').trimEnd().split('\n');
        [lines[1], lines[2]] = [lines[2]!, lines[1]!];
        return { path: entry.path, bytes: Buffer.from(`${lines.join('\n')}\n`) };
      }),
    );
    const failures = await failuresOf(tampered);
    expect(failures).toContain('ÉCHEC — fichier modifié : events/events.jsonl (modified file)');
    expect(failures).toContain(
      'ÉCHEC — événements dans le désordre : position 7 (id 00000000-0000-4000-8000-000000000007) après ' +
        'position 12 (id 00000000-0000-4000-8000-000000000012), ligne 3 de events/events.jsonl ' +
        '(events out of order)',
    );
    expect(failures.some((failure) => failure.includes("chaîne rompue à l'événement position 12"))).toBe(
      true,
    );
  });

  it('names the event whose content was altered, its line kept otherwise', async () => {
    const { path } = await write('event-altered');
    const tampered = await tamper(path, (entries) =>
      entries.map((entry) =>
        entry.path === 'events/events.jsonl'
          ? { path: entry.path, bytes: Buffer.from(entry.bytes.toString('utf8').replace('0.75', '0.95')) }
          : entry,
      ),
    );
    expect(await failuresOf(tampered)).toEqual([
      'ÉCHEC — fichier modifié : events/events.jsonl (modified file)',
      "ÉCHEC — chaîne rompue à l'événement position 20 (id 00000000-0000-4000-8000-000000000020), ligne 4 : " +
        'son contenu a changé (hash chain broken: event altered)',
    ]);
  });

  it('catches a binder re-signed whole with a fresh key only by the expected fingerprint', async () => {
    const { path } = await write('resigned');
    const forger = signerOf(generateKeyPairSync('ed25519').privateKey);
    const tampered = await tamper(path, (entries) => resign(entries, forger, true));

    const alone = await verifyBinder(tampered);
    expect(alone).toMatchObject({ ok: true, fingerprint: forger.fingerprint, fingerprintChecked: false });
    expect(await failuresOf(tampered, organisationKey.fingerprint)).toEqual([
      `ÉCHEC — signé par la clé ${forger.fingerprint}, pas par celle attendue ${organisationKey.fingerprint} : ` +
        'classeur re-signé par une autre clé (signed by another key than the expected one)',
    ]);
  });

  it('catches a manifest re-signed with a fresh key by its signature when the public key stays', async () => {
    const { path } = await write('resigned-kept-key');
    const forger = signerOf(generateKeyPairSync('ed25519').privateKey);
    const tampered = await tamper(path, (entries) => resign(entries, forger, false));
    expect(await failuresOf(tampered)).toEqual([
      'ÉCHEC — signature de manifest.json invalide pour la clé de public-key.pem : manifeste modifié ou signé par ' +
        'une autre clé (manifest signature does not match the included key)',
    ]);
  });

  it('refuses to write a table outside its place or a document whose bytes changed', async () => {
    const sink = () => new Writable({ write: (_chunk, _encoding, next) => next() });
    const badTable = {
      ...fakeParts,
      tables: async function* () {
        yield { path: '../escape.csv', stream: () => Readable.from([]) };
      },
    };
    await expect(writeBinder(binderSource(), badTable, organisationKey, sink())).rejects.toThrow(
      BinderWriteError,
    );

    const changed = binderSource({
      async *documents() {
        const bytes = Buffer.from('autre contenu');
        yield { ...(await firstDocument()), open: async () => Readable.from([bytes]) };
      },
    });
    await expect(writeBinder(changed, fakeParts, organisationKey, sink())).rejects.toThrow(/bytes are not/);
  });

  it('refuses to write events the source gives out of order', async () => {
    const sink = new Writable({ write: (_chunk, _encoding, next) => next() });
    const shuffled = binderSource({
      async *events() {
        yield* [binderEvents[0]!, binderEvents[2]!, binderEvents[1]!].map(asEventRow);
      },
    });
    await expect(writeBinder(shuffled, fakeParts, organisationKey, sink)).rejects.toThrow(
      'Events out of order: position 7 after 12',
    );
  });

  it('fails, without hanging, when a part breaks mid-way or a document cannot be opened', async () => {
    const sink = () => new Writable({ write: (_chunk, _encoding, next) => next() });
    const brokenPdf = {
      ...fakeParts,
      pdf: () =>
        Readable.from(
          (async function* () {
            yield Buffer.from('%PDF-1.7 start');
            throw new Error('renderer crashed');
          })(),
        ),
    };
    await expect(writeBinder(binderSource(), brokenPdf, organisationKey, sink())).rejects.toThrow(
      'renderer crashed',
    );
    const unopenable = binderSource({
      async *documents() {
        yield {
          ...(await firstDocument()),
          open: async () => {
            throw new Error('file gone');
          },
        };
      },
    });
    await expect(writeBinder(unopenable, fakeParts, organisationKey, sink())).rejects.toThrow('file gone');
  });

  it('names a file moved to another place in the archive', async () => {
    const { path } = await write('moved');
    const tampered = await tamper(path, (entries) => [entries[1]!, entries[0]!, ...entries.slice(2)]);
    expect(await failuresOf(tampered)).toEqual([
      'ÉCHEC — ordre des fichiers modifié : data/indicateur-31.csv déplacé (reordered file)',
    ]);
  });

  it('names an unreadable manifest', async () => {
    const { path } = await write('manifest');
    const tampered = await tamper(path, (entries) =>
      entries.map((entry) =>
        entry.path === MANIFEST_PATH ? { path: entry.path, bytes: entry.bytes.subarray(0, 100) } : entry,
      ),
    );
    const failures = await failuresOf(tampered);
    expect(failures).toContain('ÉCHEC — manifest.json illisible (unreadable manifest)');
    expect(failures).toContain(
      'ÉCHEC — signature de manifest.json invalide pour la clé de public-key.pem : manifeste modifié ou signé par ' +
        'une autre clé (manifest signature does not match the included key)',
    );
  });

  it('answers through npm run verify-export: exit 0 with a summary, 1 naming the culprit', async () => {
    const { path } = await write('cli');
    const cli = (args: string[]) =>
      run('npx', ['tsx', 'scripts/verify-export.ts', ...args], { cwd: process.cwd() }).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const good = await cli([path, '--fingerprint', organisationKey.fingerprint]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('OK — classeur d’audit vérifié');

    const tampered = await tamper(path, (entries) => entries.filter((entry) => entry.path !== 'binder.pdf'));
    const bad = await cli([tampered]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('ÉCHEC — fichier supprimé : binder.pdf (removed file)');
  });
});

const firstDocument = async () => {
  for await (const document of binderSource().documents()) return document;
  throw new Error('no document');
};
