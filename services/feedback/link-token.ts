import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hashToken } from '../kernel/ids';

/**
 * A public link's token is `<link id>.<secret>` (selector and verifier): the id finds the stream, the secret is
 * checked against its stored SHA-256. 256 bits of secret; the token itself is never stored.
 */
export const newLinkToken = (linkId: string) => {
  const selector = Buffer.from(linkId.replaceAll('-', ''), 'hex').toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  return { token: `${selector}.${secret}`, secretHash: hashToken(secret) };
};

export const parseLinkToken = (token: string): { linkId: string; secret: string } | undefined => {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return undefined;
  const hex = Buffer.from(match[1]!, 'base64url').toString('hex');
  if (hex.length !== 32) return undefined;
  const linkId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { linkId, secret: match[2]! };
};

export const secretMatches = (secret: string, secretHash: string): boolean => {
  const actual = Buffer.from(hashToken(secret), 'hex');
  const expected = Buffer.from(secretHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};
