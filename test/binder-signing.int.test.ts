import { createPublicKey, verify } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../services/binder/format';
import {
  binderSigner,
  readSigningKey,
  SIGNING_KEY_WRAP_PURPOSE,
  type SigningDeps,
} from '../services/binder/signing';
import { signingMigration } from '../services/binder/signing-migration';
import { verifyBinder } from '../services/binder/verify';
import { writeBinder } from '../services/binder/writer';
import { execute } from '../services/db/database';
import { migrate } from '../services/db/migrate';
import { newId } from '../services/kernel/ids';
import { newDataKey, open, WrongKeyEncryptionKeyError } from '../services/privacy/crypto';
import { allPersonalData } from '../services/privacy/registry';
import { createVault } from '../services/privacy/vault';
import { binderSource, fakeParts } from './support/binder-source';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases';

type KeyRow = {
  organisation_id: string;
  public_key: string;
  fingerprint: string;
  wrapped_private_key: string;
};

for (const kind of databaseKinds()) {
  describe(`binder signing keys on ${kind}`, () => {
    let testDb: TestDatabase | undefined;

    const setUp = async (kek = newDataKey()): Promise<SigningDeps> => {
      testDb = await createTestDatabase(kind);
      await migrate(testDb.database.db, [signingMigration]);
      const db = testDb.database.db;
      return { db, vault: createVault(db, { kek, declarations: allPersonalData }) };
    };
    afterEach(async () => {
      await testDb?.drop();
      testDb = undefined;
    });

    const rows = (deps: SigningDeps) => execute<KeyRow>(deps.db, 'SELECT * FROM binder_signing_keys');

    it('creates one key per organisation when its first binders are signed at once', async () => {
      const deps = await setUp();
      const organisationId = newId();
      expect(await readSigningKey(deps.db, organisationId)).toBeUndefined();

      const signers = await Promise.all(Array.from({ length: 8 }, () => binderSigner(deps, organisationId)));
      const other = await binderSigner(deps, newId());

      expect(new Set(signers.map((signer) => signer.fingerprint)).size).toBe(1);
      expect(other.fingerprint).not.toBe(signers[0]!.fingerprint);
      expect(await rows(deps)).toHaveLength(2);
      const shown = await readSigningKey(deps.db, organisationId);
      expect(shown).toMatchObject({
        publicKeyPem: signers[0]!.publicKeyPem,
        fingerprint: signers[0]!.fingerprint,
      });
      expect(shown!.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      expect(fingerprintOf(shown!.publicKeyPem)).toBe(shown!.fingerprint);
      // Later uses read the same key again.
      expect((await binderSigner(deps, organisationId)).fingerprint).toBe(shown!.fingerprint);
    });

    it('never stores the private key in clear, and opens it only with the deployment key', async () => {
      const kek = newDataKey();
      const deps = await setUp(kek);
      const organisationId = newId();
      const signer = await binderSigner(deps, organisationId);
      const message = Buffer.from('manifest');
      expect(verify(null, message, createPublicKey(signer.publicKeyPem), await signer.sign(message))).toBe(
        true,
      );

      const [row] = await rows(deps);
      const pkcs8 = open(
        deps.vault.derivedKey(SIGNING_KEY_WRAP_PURPOSE),
        `qualiopi/binder-signing-key/v1\u0000${organisationId}`,
        row!.wrapped_private_key,
      );
      // An Ed25519 PKCS#8 DER ends with the 32-byte seed: the private key itself.
      const seed = pkcs8.subarray(pkcs8.length - 32);
      const stored = JSON.stringify(row);
      for (const form of [seed.toString('hex'), seed.toString('base64'), pkcs8.toString('base64')]) {
        expect(stored).not.toContain(form);
      }
      expect(stored).not.toContain('PRIVATE KEY');

      const otherDeployment = {
        db: deps.db,
        vault: createVault(deps.db, { kek: newDataKey(), declarations: allPersonalData }),
      };
      await expect(binderSigner(otherDeployment, organisationId)).rejects.toThrow(WrongKeyEncryptionKeyError);
    });

    it('signs a binder that verifies against the fingerprint the organisation shows', async () => {
      const deps = await setUp();
      const source = binderSource();
      const signer = await binderSigner(deps, source.request.organisationId);
      const dir = await mkdtemp(join(tmpdir(), 'binder-signing-'));
      try {
        const path = join(dir, 'binder.zip');
        await writeBinder(source, fakeParts, signer, createWriteStream(path));
        const shown = await readSigningKey(deps.db, source.request.organisationId);
        const verification = await verifyBinder(path, { fingerprint: shown!.fingerprint });
        expect(verification.failures).toEqual([]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
