import { createHash } from 'node:crypto';
import { AppError, badRequest } from '../kernel/errors';
import type { LogoMediaType } from './events';

/** Largest logo accepted: it is shown on every public form, on phones. */
export const LOGO_MAX_BYTES = 256 * 1024;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length &&
  signature.every((byte, index) => bytes[offset + index] === byte);

const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

/** The image type the bytes are, whatever name or type the upload claimed; undefined when none we accept. */
export const sniffLogoType = (bytes: Uint8Array): LogoMediaType | undefined => {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return undefined;
};

/** Whether the bytes look like an SVG document (XML text with an `<svg` element near its start). */
const looksLikeSvg = (bytes: Uint8Array) =>
  /<svg[\s>]/i.test(new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)));

export interface CheckedLogo {
  bytes: Buffer;
  mediaType: LogoMediaType;
  sha256: string;
}

/** Checks an uploaded logo by its content: size, then type (PNG, JPEG or WebP; never SVG). */
export const checkLogo = (bytes: Buffer): CheckedLogo => {
  if (bytes.length === 0) throw badRequest('logo_empty', 'The logo file is empty');
  if (bytes.length > LOGO_MAX_BYTES) {
    throw new AppError(413, 'logo_too_large', `A logo is at most ${LOGO_MAX_BYTES / 1024} kB`, {
      maxBytes: LOGO_MAX_BYTES,
      size: bytes.length,
    });
  }
  const mediaType = sniffLogoType(bytes);
  if (mediaType) return { bytes, mediaType, sha256: createHash('sha256').update(bytes).digest('hex') };
  if (looksLikeSvg(bytes)) {
    throw badRequest(
      'logo_svg_refused',
      'SVG logos are refused: an SVG can carry scripts and links that would run on public pages; send a PNG, JPEG or WebP image',
    );
  }
  throw badRequest('logo_type_unsupported', 'A logo must be a PNG, JPEG or WebP image (checked by content)');
};
