import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { CHAIN_GENESIS, chainHash, documentPath, isSafeEntryPath, safeFileName } from './format';

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined members and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: undefined }, é: 'à' })).toBe(
      '{"a":{"d":[3,{"y":null,"z":true}]},"b":1,"é":"à"}',
    );
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ b: 0, B: 0, '10': 0, '9': 0, é: 0, z: 0 })).toBe(
      '{"10":0,"9":0,"B":0,"b":0,"z":0,"é":0}',
    );
  });

  it('writes numbers and strings as JSON.stringify does, undefined in arrays as null', () => {
    expect(canonicalJson([0.1, 1e21, -0, 'a"\n\u2028', undefined])).toBe(
      '[0.1,1e+21,0,"a\\"\\n\u2028",null]',
    );
  });

  it('refuses what has no JSON form', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('hash chain', () => {
  it('hashes the previous hash as 32 bytes, then the canonical event', () => {
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.alloc(32), Buffer.from('{"a":1}', 'utf8')]))
      .digest('hex');
    expect(CHAIN_GENESIS).toBe('0'.repeat(64));
    expect(chainHash(CHAIN_GENESIS, '{"a":1}')).toBe(expected);
  });
});

describe('entry paths', () => {
  it('reduces a file name to safe ASCII, keeping its extension', () => {
    expect(safeFileName('Procédure « réclamations » v2.pdf')).toBe('Procedure-reclamations-v2.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileName('.htaccess')).toBe('htaccess');
    expect(safeFileName('???')).toBe('document');
    const long = safeFileName(`${'a'.repeat(300)}.xlsx`);
    expect(long).toHaveLength(100);
    expect(long.endsWith('.xlsx')).toBe(true);
  });

  it('places each document version at its own stable path', () => {
    const document = {
      documentId: '4d1c2b9e-1111-4aaa-8bbb-000000000001',
      version: 3,
      fileName: 'Plan 2026.pdf',
    };
    expect(documentPath(document)).toBe('documents/4d1c2b9e-1111-4aaa-8bbb-000000000001/v3/Plan-2026.pdf');
    expect(isSafeEntryPath(documentPath(document))).toBe(true);
  });

  it('accepts only relative ASCII paths with no hidden or parent segment', () => {
    expect(isSafeEntryPath('data/indicateur-31.csv')).toBe(true);
    for (const path of [
      '../x.csv',
      '/x.csv',
      'data//x.csv',
      'data/.x',
      'données.csv',
      'a\\b',
      'a b.csv',
      '',
    ]) {
      expect(isSafeEntryPath(path)).toBe(false);
    }
  });
});
