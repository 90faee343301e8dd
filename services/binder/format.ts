import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import type { BinderOrganisation, BinderRequest, BinderStoredEvent } from './content';

/**
 * The binder ZIP's format, shared by the writer and the offline verifier (README: "Audit binder: verify offline").
 * Version 1, entries in this order:
 *   binder.pdf                        the PDF people read
 *   <tables>                          the renderers' CSV/XLSX, sorted by path (e.g. data/indicateur-31.csv)
 *   documents/<id>/v<n>/<file name>   each evidence document's version, by document then version
 *   events/events.jsonl               one canonical JSON line per stored event, with the hash chain
 *   public-key.pem                    the organisation's Ed25519 public key (SPKI, PEM)
 *   manifest.json                     canonical JSON: request, organisation, files (path, size, sha256), chain head
 *   manifest.sig                      base64 of the Ed25519 signature of manifest.json's exact bytes
 *   SHA256SUMS                        `sha256sum -c` lines over every other entry
 */
export const BINDER_FORMAT = 'qualiopi-evidence/audit-binder';
export const BINDER_FORMAT_VERSION = 1;

export const PDF_PATH = 'binder.pdf';
export const EVENTS_PATH = 'events/events.jsonl';
export const PUBLIC_KEY_PATH = 'public-key.pem';
export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'manifest.sig';
export const SUMS_PATH = 'SHA256SUMS';
export const DOCUMENTS_DIR = 'documents/';

/** The entries that follow the manifest's files, in this order: they cannot be listed in the manifest. */
export const TRAILING_PATHS = [MANIFEST_PATH, SIGNATURE_PATH, SUMS_PATH] as const;
const RESERVED = new Set([PDF_PATH, EVENTS_PATH, PUBLIC_KEY_PATH, ...TRAILING_PATHS]);

/** The hash before the first event: 32 zero bytes (64 × "0" in hex). */
export const CHAIN_GENESIS = '0'.repeat(64);

/** One line of events.jsonl (before its canonical encoding and newline). */
export interface ChainedEventLine {
  event: BinderStoredEvent;
  /** The previous line's `hash` (CHAIN_GENESIS for the first line), hex. */
  prev: string;
  /** SHA-256(bytes of prev ‖ UTF-8 of canonicalJson(event)), hex. */
  hash: string;
}

/** hash_i = SHA-256(hash_{i-1} as 32 bytes ‖ the event's canonical JSON as UTF-8). */
export const chainHash = (previous: string, canonicalEvent: string): string =>
  createHash('sha256').update(Buffer.from(previous, 'hex')).update(canonicalEvent, 'utf8').digest('hex');

export interface ManifestFile {
  path: string;
  size: number;
  /** SHA-256 of the entry's bytes, hex. */
  sha256: string;
}

export interface BinderManifest {
  format: typeof BINDER_FORMAT;
  formatVersion: typeof BINDER_FORMAT_VERSION;
  organisation: BinderOrganisation;
  request: BinderRequest;
  /** Every entry before manifest.json, in ZIP order (public-key.pem included). */
  files: ManifestFile[];
  events: {
    path: typeof EVENTS_PATH;
    count: number;
    /** Position of the first and last event, null when there is none. */
    firstPosition: number | null;
    lastPosition: number | null;
    genesis: string;
    /** The last line's hash (the genesis when there is no event). */
    head: string;
  };
  signature: {
    algorithm: 'Ed25519';
    publicKey: typeof PUBLIC_KEY_PATH;
    /** fingerprintOf the public key. */
    fingerprint: string;
  };
}

/** Signs a binder's manifest with the organisation's key. */
export interface BinderSigner {
  /** The Ed25519 public key, SPKI in PEM. */
  publicKeyPem: string;
  /** fingerprintOf(publicKeyPem). */
  fingerprint: string;
  /** The Ed25519 signature of these bytes. */
  sign(message: Buffer): Promise<Buffer> | Buffer;
}

/** A public key's fingerprint: `SHA256:` and the unpadded base64 of the SHA-256 of its SPKI DER (as ssh-keygen). */
export const fingerprintOf = (publicKey: string | KeyObject): string => {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const der = key.export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
};

/** The SHA256SUMS text: `<hex>  <path>` lines, as `sha256sum` writes them for plain names. */
export const sumsText = (files: readonly { path: string; sha256: string }[]): string =>
  files.map((file) => `${file.sha256}  ${file.path}\n`).join('');

const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * A path the binder may hold: relative, `/`-separated ASCII segments of letters, digits, `.`, `_` and `-`, none
 * starting with a dot, so `sha256sum` and every unzip read it alike; not one of the binder's own entries.
 */
export const isSafeEntryPath = (path: string): boolean =>
  path.length <= 255 && path.split('/').every((segment) => SAFE_SEGMENT.test(segment));

export const isReservedPath = (path: string): boolean =>
  RESERVED.has(path) || path.startsWith(DOCUMENTS_DIR) || path.startsWith('events/');

/** A file name reduced to safe ASCII: accents dropped, anything else a dash, the extension kept. */
export const safeFileName = (name: string): string => {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '');
  if (ascii.length <= 100) return ascii || 'document';
  const dot = ascii.lastIndexOf('.');
  const extension = dot > 0 && ascii.length - dot <= 10 ? ascii.slice(dot) : '';
  return ascii.slice(0, 100 - extension.length).replace(/[.-]+$/, '') + extension;
};

/** Where a document's version sits in the binder: stable for the same document, version and file name. */
export const documentPath = (document: { documentId: string; version: number; fileName: string }): string =>
  `${DOCUMENTS_DIR}${safeFileName(document.documentId)}/v${document.version}/${safeFileName(document.fileName)}`;
