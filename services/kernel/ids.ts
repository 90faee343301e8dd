import { createHash, randomBytes } from 'node:crypto';
import { validate as uuidValidate, v7 as uuidv7 } from 'uuid';

/** Time-ordered UUID v7: keeps the event b-trees append-friendly. */
export const newId = (): string => uuidv7();

export const isUuid = (value: string): boolean => uuidValidate(value);

/** An unguessable token (256 bits, URL-safe) and its SHA-256, the only form we store. */
export const newSecretToken = (): { token: string; hash: string } => {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
};

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
