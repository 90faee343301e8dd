import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/** The purpose of the vault-derived key that hashes where accesses come from. */
export const AUDITOR_ORIGIN_KEY_PURPOSE = 'auditor-access-origins';

/** An IPv6 address written out in full, as eight groups of four hex digits. */
const expandIPv6 = (address: string): string[] => {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => group.padStart(4, '0'));
};

/** The network an address belongs to, as far as we keep it: IPv4 /24, IPv6 /48. */
export const networkOf = (ip: string): string | null => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const address = mapped ?? ip;
  if (isIPv4(address)) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(address)) return `${expandIPv6(address.split('%')[0]!).slice(0, 3).join(':')}::/48`;
  return null;
};

/**
 * Where an access came from, as the admin may see it: a short keyed hash of the client's network and the link.
 * Two accesses from one network read alike on one link; the address itself is never kept, and without the key
 * the hash names no network. Null when the address is not one.
 */
export const accessOrigin = (key: Buffer, linkId: string, ip: string): string | null => {
  const network = networkOf(ip);
  if (!network) return null;
  return createHmac('sha256', key).update(`${linkId}\u0000${network}`).digest('base64url').slice(0, 8);
};
