import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_BYTES, parseKeyEncryptionKey } from './crypto';

export const KEY_FILE_NAME = 'personal-data.key';

export class MissingKeyEncryptionKeyError extends Error {
  constructor() {
    super(
      'Refusing to start: PERSONAL_DATA_KEY is not set. On PostgreSQL the key that wraps personal-data keys must ' +
        'come from the environment (base64 of 32 random bytes: openssl rand -base64 32); keep it apart from the ' +
        "database's backups, and never lose it.",
    );
    this.name = 'MissingKeyEncryptionKeyError';
  }
}

/**
 * The key-encryption key: PERSONAL_DATA_KEY when set. Unset on PostgreSQL: refuse to start. Unset on PGlite: the
 * key kept in DATA_DIR/personal-data.key, generated (mode 0600) at first start with a warning to back it up; an
 * in-memory PGlite gets a key that lives as long as its data.
 */
export const loadKeyEncryptionKey = (
  settings: { PERSONAL_DATA_KEY?: string; DATA_DIR: string },
  database: { kind: 'postgres' | 'pglite'; ephemeral?: boolean },
  warn: (message: string) => void = (message) => process.emitWarning(message),
): Buffer => {
  if (settings.PERSONAL_DATA_KEY) return parseKeyEncryptionKey(settings.PERSONAL_DATA_KEY);
  if (database.kind === 'postgres') throw new MissingKeyEncryptionKeyError();
  if (database.ephemeral) return randomBytes(KEY_BYTES);
  const path = join(settings.DATA_DIR, KEY_FILE_NAME);
  try {
    const key = parseKeyEncryptionKey(readFileSync(path, 'utf8'));
    if ((statSync(path).mode & 0o077) !== 0) warn(`${path} is readable by other users: chmod 600 it`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`Cannot read the personal-data key ${path}: ${(error as Error).message}`);
    }
  }
  const encoded = randomBytes(KEY_BYTES).toString('base64');
  // 'wx': never overwrite a key another process wrote meanwhile; losing a key loses every personal field.
  writeFileSync(path, `${encoded}\n`, { mode: 0o600, flag: 'wx' });
  warn(
    `Generated the personal-data key in ${path}. Back it up apart from the data: without it no personal field ` +
      'can be read again. Set PERSONAL_DATA_KEY to manage it yourself.',
  );
  return parseKeyEncryptionKey(encoded);
};
