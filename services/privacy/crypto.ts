import { createCipheriv, createDecipheriv, createHmac, type KeyObject, randomFillSync } from 'node:crypto';

/**
 * The vault's cryptography, on node:crypto only: AES-256-GCM with a fresh 96-bit IV per value. A personal field
 * is sealed with its subject's data key, its context (event type, field, subject) bound as associated data, so a
 * ciphertext moved to another event, field or subject no longer opens. A subject's data key is derived from the
 * key-encryption key and a random salt kept in the subject's row (HMAC-SHA256, bound to the subject id): deleting
 * the salt deletes the key. Keys of the first version were random and sealed with the key-encryption key instead;
 * they still open.
 */

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** A value that failed authentication: tampered with, moved to another context, or sealed under another key. */
export class PersonalDataIntegrityError extends Error {
  readonly code = 'personal_data_integrity';
  constructor(message: string) {
    super(message);
    this.name = 'PersonalDataIntegrityError';
  }
}

/** The key-encryption key does not open what it should: the configured PERSONAL_DATA_KEY is not the one in use. */
export class WrongKeyEncryptionKeyError extends Error {
  readonly code = 'wrong_key_encryption_key';
  constructor() {
    super(
      'PERSONAL_DATA_KEY does not open the data keys stored in this database: it is not the key-encryption key ' +
        'they were wrapped with. Restore the right key (or DATA_DIR/personal-data.key); do not generate a new one.',
    );
    this.name = 'WrongKeyEncryptionKeyError';
  }
}

/**
 * Random bytes from the operating system's CSPRNG, drawn 4 KiB at a time: one call per 4 KiB instead of one per
 * key or IV (a call cost as much as the AES-GCM sealing it serves, bench/vault.ts). Each byte is handed out once,
 * copied out and then zeroed here, so no two keys or IVs share bytes and no key stays behind in the pool.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;
const randomInto = (target: Buffer, offset: number, length: number) => {
  if (used + length > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  pool.copy(target, offset, used, used + length);
  pool.fill(0, used, used + length);
  used += length;
};

export const newDataKey = (): Buffer => {
  const key = Buffer.alloc(KEY_BYTES);
  randomInto(key, 0, KEY_BYTES);
  return key;
};

/** Seals bytes: iv ‖ ciphertext ‖ tag, written into one buffer. */
export const sealBytes = (key: Buffer, associatedData: string, plaintext: Buffer): Buffer => {
  const sealed = Buffer.allocUnsafe(IV_BYTES + plaintext.length + TAG_BYTES);
  randomInto(sealed, 0, IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, sealed.subarray(0, IV_BYTES));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  let at = IV_BYTES + cipher.update(plaintext).copy(sealed, IV_BYTES);
  // GCM is a stream mode: final() adds no bytes, but is what computes the tag.
  at += cipher.final().copy(sealed, at);
  cipher.getAuthTag().copy(sealed, at);
  return sealed;
};

/** Opens what `sealBytes` made with the same key and associated data, or throws PersonalDataIntegrityError. */
export const openBytes = (key: Buffer, associatedData: string, bytes: Buffer): Buffer => {
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new PersonalDataIntegrityError('Sealed value too short');
  const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    // The message never carries the value: only that it did not authenticate.
    throw new PersonalDataIntegrityError('Sealed value failed authentication');
  }
};

/** Seals bytes: base64 of iv ‖ ciphertext ‖ tag. */
export const seal = (key: Buffer, associatedData: string, plaintext: Buffer): string =>
  sealBytes(key, associatedData, plaintext).toString('base64');

/** Opens what `seal` made with the same key and associated data, or throws PersonalDataIntegrityError. */
export const open = (key: Buffer, associatedData: string, sealed: string): Buffer =>
  openBytes(key, associatedData, Buffer.from(sealed, 'base64'));

/** Where a personal value sits: bound into its ciphertext, so it opens only there. */
export interface FieldContext {
  eventType: string;
  field: string;
  subject: string;
}

const fieldAssociatedData = ({ eventType, field, subject }: FieldContext) =>
  `qualiopi/personal-field/v1\u0000${eventType}\u0000${field}\u0000${subject}`;
const keyAssociatedData = (subject: string) => `qualiopi/subject-key/v1\u0000${subject}`;

/** Encrypts one JSON value of a field with its subject's data key. */
export const sealField = (dataKey: Buffer, context: FieldContext, value: unknown): string =>
  seal(dataKey, fieldAssociatedData(context), Buffer.from(JSON.stringify(value), 'utf8'));

export const openField = (dataKey: Buffer, context: FieldContext, sealed: string): unknown =>
  JSON.parse(open(dataKey, fieldAssociatedData(context), sealed).toString('utf8'));

/** Where an outside-the-log value sits (an uploaded file's bytes or name): bound into its ciphertext. */
export const outsideLogAssociatedData = (subject: string, place: string) =>
  `qualiopi/outside-log/v1\u0000${place}\u0000${subject}`;

/** What a subject's row holds for a derived key: this prefix, then the base64 of its 32-byte salt. */
const DERIVED_PREFIX = 'h1:';
const SALT_BYTES = 32;
const derivationLabel = (subject: string) => `qualiopi/subject-key/v2\u0000${subject}\u0000`;

/**
 * A subject's data key: HMAC-SHA256 under the key-encryption key of the subject id and the salt. HMAC is a
 * pseudo-random function, so without the key-encryption key the salt says nothing, and without the salt (erased)
 * the key cannot be found again, even with it. One HMAC costs half of the AES-GCM wrapping it replaces (bench/vault.ts
 * appends a new subject per answer).
 */
const deriveKey = (kek: KeyObject, subject: string, salt: Buffer): Buffer =>
  createHmac('sha256', kek).update(derivationLabel(subject), 'utf8').update(salt).digest();

/** A new subject's data key and what its row stores to find it again with the key-encryption key. */
export const newSubjectKey = (kek: KeyObject, subject: string): { key: Buffer; stored: string } => {
  const salt = Buffer.alloc(SALT_BYTES);
  randomInto(salt, 0, SALT_BYTES);
  return { key: deriveKey(kek, subject, salt), stored: DERIVED_PREFIX + salt.toString('base64') };
};

/**
 * The data key a subject's row stores: derived from its salt, or (keys of the first version) unwrapped, which
 * fails with WrongKeyEncryptionKeyError under another key-encryption key.
 */
export const subjectKeyOf = (kek: KeyObject, subject: string, stored: string): Buffer => {
  if (!stored.startsWith(DERIVED_PREFIX)) return unwrapKey(kek.export(), subject, stored);
  const salt = Buffer.from(stored.slice(DERIVED_PREFIX.length), 'base64');
  if (salt.length !== SALT_BYTES) throw new PersonalDataIntegrityError(`Malformed key of subject ${subject}`);
  return deriveKey(kek, subject, salt);
};

/** Wraps a subject's data key with the key-encryption key. */
export const wrapKey = (kek: Buffer, subject: string, dataKey: Buffer): string =>
  seal(kek, keyAssociatedData(subject), dataKey);

/** Unwraps a subject's data key; a key that fails authentication means the wrong key-encryption key. */
export const unwrapKey = (kek: Buffer, subject: string, wrapped: string): Buffer => {
  try {
    return open(kek, keyAssociatedData(subject), wrapped);
  } catch (error) {
    if (error instanceof PersonalDataIntegrityError) throw new WrongKeyEncryptionKeyError();
    throw error;
  }
};

/** Parses PERSONAL_DATA_KEY: base64 of exactly 32 bytes (the message never echoes the value). */
export const parseKeyEncryptionKey = (base64: string): Buffer => {
  const trimmed = base64.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== KEY_BYTES) {
    throw new Error(
      'PERSONAL_DATA_KEY must be the base64 of exactly 32 random bytes (openssl rand -base64 32)',
    );
  }
  return key;
};
