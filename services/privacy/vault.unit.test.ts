import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import type { NewEvent } from '../eventstore/types';
import { subjectId } from './declarations';
import { allPersonalData } from './registry';
import { createVault } from './vault';

// Sealing a new append touches no database (its keys are written by the append itself): the vault is built
// over a Db that fails if anything reaches it.
const noDatabase = new Proxy({} as Db, {
  get() {
    throw new Error('this test must not reach the database');
  },
});
const organisationId = randomUUID();
const answer = (responseId: string): NewEvent =>
  ({
    id: randomUUID(),
    type: 'FeedbackSubmitted',
    data: { responseId, comment: 'Merci à Mme Lefèvre' },
    metadata: { organisationId },
  }) as unknown as NewEvent;

/** Seals an answer and confirms it landed; answers whether the vault drew a new key for its subject. */
const sealLanded = async (vault: ReturnType<typeof createVault>, responseId: string) => {
  const sealed = await vault.sealAlongside([answer(responseId)]);
  sealed.confirm(sealed.rows.map((row) => row.subject_id));
  return sealed.rows.length === 1;
};

describe('the vault’s memory of keys', () => {
  it('keeps at most about maxCachedKeys keys, forgetting the least recently used first', async () => {
    const vault = createVault(noDatabase, {
      kek: randomBytes(32),
      declarations: allPersonalData,
      maxCachedKeys: 4,
    });
    const ids = Array.from({ length: 8 }, () => randomUUID());
    for (const id of ids) expect(await sealLanded(vault, id)).toBe(true);
    // The last two are remembered: sealing them again draws no key and writes no row.
    expect(await sealLanded(vault, ids[7]!)).toBe(false);
    expect(await sealLanded(vault, ids[6]!)).toBe(false);
    // The first ones are forgotten: the vault treats them as new (the append then finds their row and re-reads it).
    expect(await sealLanded(vault, ids[0]!)).toBe(true);
  });

  it('keeps a key that is used again, even after many new subjects', async () => {
    const vault = createVault(noDatabase, {
      kek: randomBytes(32),
      declarations: allPersonalData,
      maxCachedKeys: 4,
    });
    const often = randomUUID();
    expect(await sealLanded(vault, often)).toBe(true);
    for (let round = 0; round < 10; round++) {
      expect(await sealLanded(vault, randomUUID())).toBe(true);
      expect(await sealLanded(vault, often)).toBe(false);
    }
  });

  it('seals with a key it remembers past keyCacheMs: the append holds it, no new key is drawn for a known person', async () => {
    // keyCacheMs bounds how long reads trust a remembered key (test/privacy-vault.int.test.ts: another process's
    // erasure shows once it has passed); an append checks the key it holds in its own statement.
    let clock = 0;
    const vault = createVault(noDatabase, {
      kek: randomBytes(32),
      declarations: allPersonalData,
      keyCacheMs: 1000,
      now: () => clock,
    });
    const id = randomUUID();
    expect(await sealLanded(vault, id)).toBe(true);
    clock = 999;
    expect(await sealLanded(vault, id)).toBe(false);
    clock = 60_000;
    const sealed = await vault.sealAlongside([answer(id)]);
    expect(sealed.rows).toEqual([]);
    expect(sealed.subjects).toEqual([[subjectId('respondent', id)]]);
  });
});
