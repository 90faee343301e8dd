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

  it('orders keys that look like array indexes too, at any depth, and leaves an array of them alone', () => {
    expect(canonicalJson({ z: { '10': 'a', '9': 'b', '0': 'c', x: 1 }, a: [{ '2': 0, '1': 0 }] })).toBe(
      '{"a":[{"1":0,"2":0}],"z":{"0":"c","10":"a","9":"b","x":1}}',
    );
    expect(canonicalJson({ '4294967295': 0, '4294967294': 0, '01': 0, '1': 0 })).toBe(
      '{"01":0,"1":0,"4294967294":0,"4294967295":0}',
    );
  });

  it('gives what a member-by-member writer gives, on many generated values', () => {
    // An oracle written here, slow and plain: sort the keys, write each member.
    const oracle = (value: unknown): string => {
      if (Array.isArray(value))
        return `[${value.map((member) => (member === undefined ? 'null' : oracle(member))).join(',')}]`;
      if (value !== null && typeof value === 'object') {
        return `{${Object.keys(value)
          .sort()
          .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
          .map((key) => `${JSON.stringify(key)}:${oracle((value as Record<string, unknown>)[key])}`)
          .join(',')}}`;
      }
      return JSON.stringify(value);
    };
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const KEYS = [
      'a',
      'B',
      'b',
      'é',
      'Z',
      '0',
      '1',
      '10',
      '9',
      '007',
      'data',
      'eventId',
      'x y',
      '\u00e9t\u00e9',
    ];
    const generate = (depth: number): unknown => {
      const pick = random();
      if (depth > 3 || pick < 0.3) {
        return [1.5, -0, 42, 'texte « é »', true, null, undefined, 'a"b\\c'][Math.floor(random() * 8)];
      }
      if (pick < 0.45) return Array.from({ length: Math.floor(random() * 4) }, () => generate(depth + 1));
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 6); i > 0; i--)
        object[KEYS[Math.floor(random() * KEYS.length)] as string] = generate(depth + 1);
      return object;
    };
    for (let i = 0; i < 2000; i++) {
      const value = { root: generate(0) };
      expect(canonicalJson(value)).toBe(oracle(value));
    }
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
