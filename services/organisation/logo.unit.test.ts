import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors';
import { checkLogo, LOGO_MAX_BYTES, sniffLogoType } from './logo';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([36, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

const refusal = (bytes: Buffer) => {
  try {
    checkLogo(bytes);
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('logo check (by content, never by name or claimed type)', () => {
  it('recognises PNG, JPEG and WebP from their first bytes', () => {
    expect(sniffLogoType(PNG)).toBe('image/png');
    expect(sniffLogoType(JPEG)).toBe('image/jpeg');
    expect(sniffLogoType(WEBP)).toBe('image/webp');
  });

  it('names the stored logo by the SHA-256 of its bytes', () => {
    const expected = createHash('sha256').update(PNG).digest('hex');
    expect(checkLogo(PNG)).toMatchObject({ mediaType: 'image/png', sha256: expected });
  });

  it('refuses an SVG, saying why', () => {
    const svg = Buffer.from(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    expect(refusal(svg)).toEqual({ status: 400, code: 'logo_svg_refused' });
    expect(refusal(Buffer.from('  <svg width="10"></svg>'))).toEqual({
      status: 400,
      code: 'logo_svg_refused',
    });
  });

  it('refuses an HTML page, a GIF and plain text as an unsupported type', () => {
    for (const bytes of [
      Buffer.from('<!doctype html><html></html>'),
      Buffer.from('GIF89a....'),
      Buffer.from('hello'),
    ]) {
      expect(refusal(bytes)).toEqual({ status: 400, code: 'logo_type_unsupported' });
    }
  });

  it('refuses an empty file and one over 256 kB (413)', () => {
    expect(refusal(Buffer.alloc(0))).toEqual({ status: 400, code: 'logo_empty' });
    const big = Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES)]);
    expect(refusal(big)).toEqual({ status: 413, code: 'logo_too_large' });
    expect(checkLogo(Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES - PNG.length)])).mediaType).toBe(
      'image/png',
    );
  });
});
