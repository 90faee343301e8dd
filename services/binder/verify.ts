import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { ChainProblem, ChainResult, EventRef } from './chain-check';
import {
  type BinderManifest,
  EVENTS_PATH,
  fingerprintOf,
  MANIFEST_PATH,
  PUBLIC_KEY_PATH,
  SIGNATURE_PATH,
  SUMS_PATH,
  TRAILING_PATHS,
} from './format';
import { parseManifest, type ReadEntry, readEntries, SMALL_ENTRIES } from './verify-read';

/**
 * Verifies an audit binder ZIP offline, streaming each entry once: no database, no network. Every problem found
 * is named (the file, the event, the key), French first with the English beside.
 */

export type FailureCode =
  | 'unreadable_zip'
  | 'duplicate_file'
  | 'missing_file'
  | 'modified_file'
  | 'added_file'
  | 'reordered_file'
  | 'unreadable_manifest'
  | 'bad_public_key'
  | 'bad_signature'
  | 'fingerprint_mismatch'
  | 'unexpected_key'
  | 'sums_mismatch'
  | 'events_out_of_order'
  | 'chain_broken'
  | 'events_mismatch';

export interface VerifyFailure {
  code: FailureCode;
  /** The file or the event it names (`position 12 (id …)`), when there is one. */
  culprit?: string;
  /** `ÉCHEC — … (…)`: French, then English. */
  message: string;
}

export interface BinderVerification {
  ok: boolean;
  failures: VerifyFailure[];
  /** The included public key's fingerprint, when it could be read. */
  fingerprint: string | null;
  /** Whether the caller gave the expected fingerprint (and so whether the key itself was checked). */
  fingerprintChecked: boolean;
  manifest: BinderManifest | null;
  entries: number;
  events: number;
}

export interface VerifyOptions {
  /** The organisation's key fingerprint as its page shows it: the only defence against a binder re-signed whole. */
  fingerprint?: string;
}

const MAX_EVENT_FAILURES = 20;

const fail = (code: FailureCode, french: string, english: string, culprit?: string): VerifyFailure => ({
  code,
  ...(culprit === undefined ? {} : { culprit }),
  message: `ÉCHEC — ${french} (${english})`,
});

const eventName = (event: EventRef) => `position ${event.position} (id ${event.eventId})`;

const chainFailure = (problem: ChainProblem): VerifyFailure => {
  switch (problem.kind) {
    case 'out_of_order': {
      const culprit = `${eventName(problem.before)} / ${eventName(problem.after)}`;
      return fail(
        'events_out_of_order',
        `événements dans le désordre : ${eventName(problem.after)} après ${eventName(problem.before)}, ` +
          `ligne ${problem.line} de ${EVENTS_PATH}`,
        'events out of order',
        culprit,
      );
    }
    case 'broken_link':
      return fail(
        'chain_broken',
        `chaîne rompue à l'événement ${eventName(problem.at)}, ligne ${problem.line} : il ne suit pas la ligne ` +
          'précédente',
        'hash chain broken: event moved, removed or inserted',
        eventName(problem.at),
      );
    case 'altered_event':
      return fail(
        'chain_broken',
        `chaîne rompue à l'événement ${eventName(problem.at)}, ligne ${problem.line} : son contenu a changé`,
        'hash chain broken: event altered',
        eventName(problem.at),
      );
    case 'not_canonical':
      return fail(
        'chain_broken',
        `événement ${eventName(problem.at)}, ligne ${problem.line} : ligne réécrite hors de la forme canonique`,
        'event line rewritten',
        eventName(problem.at),
      );
    case 'unreadable_line':
    case 'incomplete_last_line':
      return fail(
        'chain_broken',
        `ligne ${problem.line} de ${EVENTS_PATH} illisible`,
        'unreadable event line',
        `ligne ${problem.line}`,
      );
  }
};

const checkSignature = (
  manifest: BinderManifest | undefined,
  manifestBytes: Buffer,
  signature: Buffer | undefined,
  publicKey: Buffer | undefined,
  failures: VerifyFailure[],
): string | null => {
  if (!publicKey) return null;
  let key: KeyObject;
  try {
    key = createPublicKey(publicKey);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
  } catch {
    failures.push(
      fail(
        'bad_public_key',
        `${PUBLIC_KEY_PATH} n'est pas une clé Ed25519`,
        'not an Ed25519 key',
        PUBLIC_KEY_PATH,
      ),
    );
    return null;
  }
  const fingerprint = fingerprintOf(key);
  if (manifest && manifest.signature.fingerprint !== fingerprint) {
    failures.push(
      fail(
        'fingerprint_mismatch',
        `l'empreinte inscrite au manifeste (${manifest.signature.fingerprint}) n'est pas celle de ` +
          `${PUBLIC_KEY_PATH} (${fingerprint})`,
        "the manifest's fingerprint is not the included key's",
        PUBLIC_KEY_PATH,
      ),
    );
  }
  if (signature) {
    const bytes = Buffer.from(signature.toString('ascii').trim(), 'base64');
    if (!verify(null, manifestBytes, key, bytes)) {
      failures.push(
        fail(
          'bad_signature',
          `signature de ${MANIFEST_PATH} invalide pour la clé de ${PUBLIC_KEY_PATH} : manifeste modifié ou ` +
            'signé par une autre clé',
          'manifest signature does not match the included key',
          SIGNATURE_PATH,
        ),
      );
    }
  }
  return fingerprint;
};

const checkFiles = (manifest: BinderManifest, entries: ReadEntry[], failures: VerifyFailure[]) => {
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  const listed = new Set(manifest.files.map((file) => file.path));
  for (const file of manifest.files) {
    const entry = byPath.get(file.path);
    if (!entry) {
      failures.push(fail('missing_file', `fichier supprimé : ${file.path}`, 'removed file', file.path));
    } else if (entry.error || entry.size !== file.size || entry.sha256 !== file.sha256) {
      failures.push(fail('modified_file', `fichier modifié : ${file.path}`, 'modified file', file.path));
    }
  }
  for (const entry of entries) {
    if (!listed.has(entry.path) && !(TRAILING_PATHS as readonly string[]).includes(entry.path)) {
      failures.push(fail('added_file', `fichier ajouté : ${entry.path}`, 'added file', entry.path));
    }
  }
  const expected = [...manifest.files.map((file) => file.path), ...TRAILING_PATHS].filter((path) =>
    byPath.has(path),
  );
  const actual = entries.map((entry) => entry.path).filter((path) => expected.includes(path));
  const moved = actual.findIndex((path, index) => path !== expected[index]);
  if (moved >= 0) {
    const path = actual[moved]!;
    failures.push(
      fail('reordered_file', `ordre des fichiers modifié : ${path} déplacé`, 'reordered file', path),
    );
  }
};

/** SHA256SUMS must list exactly the manifest's files, manifest.json and manifest.sig, with their hashes. */
const checkSums = (
  manifest: BinderManifest,
  entries: ReadEntry[],
  sums: Buffer,
  failures: VerifyFailure[],
) => {
  const expected = new Map(manifest.files.map((file) => [file.path, file.sha256]));
  for (const path of [MANIFEST_PATH, SIGNATURE_PATH]) {
    const entry = entries.find((candidate) => candidate.path === path);
    if (entry) expected.set(path, entry.sha256);
  }
  const listed = new Map<string, string>();
  const wrong = new Set<string>();
  for (const line of sums.toString('utf8').split('\n')) {
    if (line === '') continue;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) {
      wrong.add(line.slice(0, 80));
      continue;
    }
    if (listed.has(match[2]!)) wrong.add(match[2]!);
    listed.set(match[2]!, match[1]!);
  }
  for (const [path, sha256] of expected) if (listed.get(path) !== sha256) wrong.add(path);
  for (const path of listed.keys()) if (!expected.has(path)) wrong.add(path);
  for (const path of wrong) {
    failures.push(
      fail(
        'sums_mismatch',
        `${SUMS_PATH} ne correspond pas au manifeste : ${path}`,
        `${SUMS_PATH} disagrees with the manifest`,
        path,
      ),
    );
  }
};

const checkEvents = (manifest: BinderManifest, chain: ChainResult, failures: VerifyFailure[]) => {
  const found = chain.problems.slice(0, MAX_EVENT_FAILURES).map(chainFailure);
  failures.push(...found);
  if (chain.problems.length > MAX_EVENT_FAILURES) {
    const more = chain.problems.length - MAX_EVENT_FAILURES;
    failures.push(
      fail('chain_broken', `… et ${more} autres problèmes d'événements`, `and ${more} more event problems`),
    );
  }
  if (chain.count !== manifest.events.count) {
    failures.push(
      fail(
        'events_mismatch',
        `${chain.count} événements au lieu des ${manifest.events.count} du manifeste`,
        'events removed or added',
        EVENTS_PATH,
      ),
    );
  } else if (found.length === 0 && chain.head !== manifest.events.head) {
    failures.push(
      fail(
        'events_mismatch',
        `tête de la chaîne ${chain.head} au lieu de ${manifest.events.head} (manifeste)`,
        "hash chain head differs from the manifest's",
        EVENTS_PATH,
      ),
    );
  }
};

/** Verifies the binder at `zipPath`; never throws for a binder that is wrong, only reports it. */
export const verifyBinder = async (
  zipPath: string,
  options: VerifyOptions = {},
): Promise<BinderVerification> => {
  const failures: VerifyFailure[] = [];
  const result = (manifest: BinderManifest | null, fingerprint: string | null, entries = 0, events = 0) => ({
    ok: failures.length === 0,
    failures,
    fingerprint,
    fingerprintChecked: options.fingerprint !== undefined,
    manifest,
    entries,
    events,
  });
  let read: Awaited<ReturnType<typeof readEntries>>;
  try {
    read = await readEntries(zipPath);
  } catch (error) {
    failures.push(
      fail(
        'unreadable_zip',
        `archive ZIP illisible : ${(error as Error).message}`,
        'unreadable ZIP',
        zipPath,
      ),
    );
    return result(null, null);
  }
  const { entries, chain } = read;
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.path)) {
      failures.push(
        fail('duplicate_file', `fichier en double : ${entry.path}`, 'duplicate file', entry.path),
      );
    }
    seen.add(entry.path);
  }
  const small = (path: string) => entries.find((entry) => entry.path === path)?.bytes;
  for (const path of [MANIFEST_PATH, SIGNATURE_PATH, PUBLIC_KEY_PATH]) {
    if (!seen.has(path))
      failures.push(fail('missing_file', `fichier supprimé : ${path}`, 'removed file', path));
  }
  for (const path of SMALL_ENTRIES) {
    if (seen.has(path) && !small(path)) {
      failures.push(fail('modified_file', `fichier illisible : ${path}`, 'unreadable file', path));
    }
  }
  const manifestBytes = small(MANIFEST_PATH);
  const manifest = manifestBytes ? parseManifest(manifestBytes) : undefined;
  if (manifestBytes && !manifest) {
    failures.push(
      fail('unreadable_manifest', `${MANIFEST_PATH} illisible`, 'unreadable manifest', MANIFEST_PATH),
    );
  }
  const fingerprint = checkSignature(
    manifest,
    manifestBytes ?? Buffer.alloc(0),
    manifestBytes ? small(SIGNATURE_PATH) : undefined,
    small(PUBLIC_KEY_PATH),
    failures,
  );
  const expected = options.fingerprint?.trim();
  if (expected !== undefined && fingerprint !== null && expected !== fingerprint) {
    failures.push(
      fail(
        'unexpected_key',
        `signé par la clé ${fingerprint}, pas par celle attendue ${expected} : classeur re-signé par une autre clé`,
        'signed by another key than the expected one',
        PUBLIC_KEY_PATH,
      ),
    );
  }
  if (!manifest) return result(null, fingerprint, entries.length, chain?.count ?? 0);
  checkFiles(manifest, entries, failures);
  const sums = small(SUMS_PATH);
  if (!seen.has(SUMS_PATH)) {
    failures.push(fail('missing_file', `fichier supprimé : ${SUMS_PATH}`, 'removed file', SUMS_PATH));
  } else if (sums) checkSums(manifest, entries, sums, failures);
  if (chain) checkEvents(manifest, chain, failures);
  return result(manifest, fingerprint, entries.length, chain?.count ?? 0);
};

/** The verification as the command line prints it: one line per failure, or a short summary. */
export const verificationReport = (verification: BinderVerification): string => {
  if (!verification.ok) {
    return `${verification.failures.map((failure) => failure.message).join('\n')}\n`;
  }
  const manifest = verification.manifest!;
  const { request, organisation } = manifest;
  const lines = [
    'OK — classeur d’audit vérifié (audit binder verified)',
    `  Organisation : ${organisation.name}${organisation.siret ? ` (SIRET ${organisation.siret})` : ''}`,
    `  Période (period) : ${request.from} → ${request.to}, indicateurs ${request.indicators.join(', ')}`,
    `  État au (as of) : ${request.asOfRecordedAt}, position ${request.asOfPosition}`,
    `  ${verification.entries} fichiers (files), ${verification.events} événements chaînés (chained events), ` +
      `tête (head) ${manifest.events.head}`,
    `  Clé de signature (signing key) : ${verification.fingerprint}`,
    verification.fingerprintChecked
      ? '  Empreinte conforme à celle attendue (fingerprint matches the expected one).'
      : '  Comparez cette empreinte avec celle affichée sur la page de l’organisation ; sans elle, un classeur ' +
        're-signé en entier passerait (compare this fingerprint with the one on the organisation’s page, or ' +
        'pass --fingerprint).',
  ];
  return `${lines.join('\n')}\n`;
};
