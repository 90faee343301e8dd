import { createHmac, createSecretKey } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import {
  type FieldContext,
  newDataKey,
  newSubjectKey,
  openField,
  PersonalDataIntegrityError,
  parseKeyEncryptionKey,
  sealField,
  subjectKeyOf,
  unwrapKey,
  WrongKeyEncryptionKeyError,
  wrapKey,
} from './crypto';
import { KEY_FILE_NAME, loadKeyEncryptionKey, MissingKeyEncryptionKeyError } from './key-encryption-key';

const context: FieldContext = { eventType: 'FeedbackSubmitted', field: 'comment', subject: 'respondent:1' };
const COMMENT = 'Très bien, merci Mme Lefèvre';

/** Flips one bit of the ciphertext body (past the 12-byte IV). */
const tamper = (sealed: string) => {
  const bytes = Buffer.from(sealed, 'base64');
  bytes[14] = bytes[14]! ^ 1;
  return bytes.toString('base64');
};

describe('personal-field sealing (AES-256-GCM)', () => {
  it('opens what it sealed, and never stores the value in clear', () => {
    const key = newDataKey();
    const sealed = sealField(key, context, COMMENT);
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('Lefèvre');
    expect(openField(key, context, sealed)).toBe(COMMENT);
  });

  it('seals the same value differently each time (fresh IV)', () => {
    const key = newDataKey();
    expect(sealField(key, context, COMMENT)).not.toBe(sealField(key, context, COMMENT));
  });

  it('never hands out the same random bytes twice, across pool refills (keys and IVs from the pooled CSPRNG)', () => {
    const key = newDataKey();
    // 600 keys and 600 IVs: more than one 4 KiB pool.
    const keys = Array.from({ length: 600 }, () => newDataKey().toString('hex'));
    const ivs = Array.from({ length: 600 }, () =>
      Buffer.from(sealField(key, context, COMMENT), 'base64')
        .subarray(0, 12)
        .toString('hex'),
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(ivs).size).toBe(ivs.length);
    expect(keys).not.toContain('00'.repeat(32));
  });

  it('refuses a tampered ciphertext', () => {
    const key = newDataKey();
    const sealed = tamper(sealField(key, context, COMMENT));
    expect(() => openField(key, context, sealed)).toThrow(PersonalDataIntegrityError);
  });

  it.each([
    ['another event type', { ...context, eventType: 'UserRegistered' }],
    ['another field', { ...context, field: 'trainingTitle' }],
    ['another subject', { ...context, subject: 'respondent:2' }],
  ])('refuses a ciphertext moved to %s', (_, other) => {
    const key = newDataKey();
    const sealed = sealField(key, context, COMMENT);
    expect(() => openField(key, other, sealed)).toThrow(PersonalDataIntegrityError);
  });

  it('refuses another subject’s key', () => {
    const sealed = sealField(newDataKey(), context, COMMENT);
    expect(() => openField(newDataKey(), context, sealed)).toThrow(PersonalDataIntegrityError);
  });

  it('never echoes the value in the error', () => {
    const key = newDataKey();
    const sealed = tamper(sealField(key, context, COMMENT));
    expect(() => openField(key, context, sealed)).toThrow(/^(?!.*Lefèvre).*$/);
  });
});

describe('data keys wrapped by the key-encryption key', () => {
  it('unwraps a data key with the key-encryption key that wrapped it', () => {
    const kek = newDataKey();
    const key = newDataKey();
    expect(unwrapKey(kek, 'user:1', wrapKey(kek, 'user:1', key)).equals(key)).toBe(true);
  });

  it('refuses a wrong key-encryption key with a clear error', () => {
    const wrapped = wrapKey(newDataKey(), 'user:1', newDataKey());
    expect(() => unwrapKey(newDataKey(), 'user:1', wrapped)).toThrow(WrongKeyEncryptionKeyError);
    expect(() => unwrapKey(newDataKey(), 'user:1', wrapped)).toThrow(/PERSONAL_DATA_KEY does not open/);
  });

  it('refuses a wrapped key moved to another subject', () => {
    const kek = newDataKey();
    const wrapped = wrapKey(kek, 'user:1', newDataKey());
    expect(() => unwrapKey(kek, 'user:2', wrapped)).toThrow(WrongKeyEncryptionKeyError);
  });
});

describe('data keys derived from the key-encryption key and a salt kept in the subject’s row', () => {
  it('finds the same key again from what the row stores, and nothing of the key is in it', () => {
    const kek = createSecretKey(newDataKey());
    const { key, stored } = newSubjectKey(kek, 'respondent:1');
    expect(key).toHaveLength(32);
    expect(subjectKeyOf(kek, 'respondent:1', stored).equals(key)).toBe(true);
    expect(stored).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(stored.slice(3), 'base64').includes(key.subarray(0, 8))).toBe(false);
  });

  it('is HMAC-SHA256 under the key-encryption key of the subject and the salt, as the row documents', () => {
    const kekBytes = newDataKey();
    const { key, stored } = newSubjectKey(createSecretKey(kekBytes), 'user:7');
    const salt = Buffer.from(stored.slice(3), 'base64');
    const expected = createHmac('sha256', kekBytes)
      .update(Buffer.concat([Buffer.from('qualiopi/subject-key/v2\u0000user:7\u0000'), salt]))
      .digest();
    expect(key.equals(expected)).toBe(true);
  });

  it('gives another key for each new subject, under another key-encryption key, or for another subject', () => {
    const kek = createSecretKey(newDataKey());
    const first = newSubjectKey(kek, 'user:1');
    const second = newSubjectKey(kek, 'user:1');
    expect(second.stored).not.toBe(first.stored);
    expect(second.key.equals(first.key)).toBe(false);
    expect(subjectKeyOf(createSecretKey(newDataKey()), 'user:1', first.stored).equals(first.key)).toBe(false);
    expect(subjectKeyOf(kek, 'user:2', first.stored).equals(first.key)).toBe(false);
  });

  it('still opens keys of the first version, sealed with the key-encryption key', () => {
    const kekBytes = newDataKey();
    const key = newDataKey();
    const stored = wrapKey(kekBytes, 'user:1', key);
    expect(subjectKeyOf(createSecretKey(kekBytes), 'user:1', stored).equals(key)).toBe(true);
    expect(() => subjectKeyOf(createSecretKey(newDataKey()), 'user:1', stored)).toThrow(
      WrongKeyEncryptionKeyError,
    );
  });

  it('refuses a truncated salt rather than derive a key from it', () => {
    const kek = createSecretKey(newDataKey());
    const { stored } = newSubjectKey(kek, 'user:1');
    expect(() => subjectKeyOf(kek, 'user:1', stored.slice(0, 20))).toThrow(PersonalDataIntegrityError);
  });
});

describe('PERSONAL_DATA_KEY', () => {
  const valid = Buffer.alloc(32, 1).toString('base64');

  it('is the base64 of exactly 32 bytes; the error does not echo it', () => {
    expect(parseKeyEncryptionKey(valid)).toHaveLength(32);
    const short = Buffer.alloc(16, 1).toString('base64');
    expect(() => parseKeyEncryptionKey(short)).toThrow(/exactly 32/);
    expect(() => loadConfig({ PERSONAL_DATA_KEY: short })).toThrow(/PERSONAL_DATA_KEY/);
    expect(() => loadConfig({ PERSONAL_DATA_KEY: short })).not.toThrow(short);
    expect(loadConfig({ PERSONAL_DATA_KEY: valid }).PERSONAL_DATA_KEY).toBe(valid);
  });

  it('is required on PostgreSQL: refuses to start without it', () => {
    expect(() => loadKeyEncryptionKey({ DATA_DIR: '/nonexistent' }, { kind: 'postgres' })).toThrow(
      MissingKeyEncryptionKeyError,
    );
  });

  it('on PGlite, is generated once in DATA_DIR (mode 0600) with a warning, then read back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vault-kek-'));
    try {
      const warnings: string[] = [];
      const first = loadKeyEncryptionKey({ DATA_DIR: dir }, { kind: 'pglite' }, (m) => warnings.push(m));
      const path = join(dir, KEY_FILE_NAME);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(warnings.join('\n')).toMatch(/Back it up/);
      expect(parseKeyEncryptionKey(await readFile(path, 'utf8')).equals(first)).toBe(true);
      const again = loadKeyEncryptionKey({ DATA_DIR: dir }, { kind: 'pglite' }, (m) => warnings.push(m));
      expect(again.equals(first)).toBe(true);
      expect(warnings).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('takes the environment’s key over the file', () => {
    const key = loadKeyEncryptionKey(
      { PERSONAL_DATA_KEY: valid, DATA_DIR: '/nonexistent' },
      { kind: 'pglite' },
    );
    expect(key.equals(Buffer.alloc(32, 1))).toBe(true);
  });
});
