import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { Db } from '../db/database';
import { open, PersonalDataIntegrityError, seal, WrongKeyEncryptionKeyError } from '../privacy/crypto';
import type { Vault } from '../privacy/vault';
import { type BinderSigner, fingerprintOf } from './format';
import type { SigningTables } from './signing-migration';

/**
 * Each organisation's Ed25519 key for signing its binders, created on first need. The private key is stored
 * sealed (crypto.ts, AES-256-GCM bound to the organisation) under a key the vault derives from the deployment's
 * key-encryption key: no new secret to keep, and it opens nowhere PERSONAL_DATA_KEY is not.
 */

/** The purpose the vault derives the signing keys' wrapping key for. */
export const SIGNING_KEY_WRAP_PURPOSE = 'binder-signing-key-wrap';

export interface SigningDeps {
  db: Db;
  vault: Pick<Vault, 'derivedKey'>;
}

/** An organisation's public signing key, as its page shows it for an auditor to compare. */
export interface OrganisationSigningKey {
  organisationId: string;
  publicKeyPem: string;
  fingerprint: string;
  createdAt: Date;
}

const tables = (db: Db) => db.withTables<SigningTables>();
const associatedData = (organisationId: string) => `qualiopi/binder-signing-key/v1\u0000${organisationId}`;

/** A signer over a private key held in memory (tests, or a key just unwrapped). */
export const signerOf = (privateKey: KeyObject): BinderSigner => {
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return {
    publicKeyPem,
    fingerprint: fingerprintOf(publicKeyPem),
    sign: (message) => sign(null, message, privateKey),
  };
};

/** The organisation's public key and fingerprint, or undefined before its first binder. */
export const readSigningKey = async (
  db: Db,
  organisationId: string,
): Promise<OrganisationSigningKey | undefined> => {
  const row = await tables(db)
    .selectFrom('binder_signing_keys')
    .select(['public_key', 'fingerprint', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return (
    row && {
      organisationId,
      publicKeyPem: row.public_key,
      fingerprint: row.fingerprint,
      createdAt: row.created_at,
    }
  );
};

/**
 * The organisation's signer, its key pair created and stored on first need. Two first uses at once each draw a
 * pair, one row is kept (insert or nothing), and both sign with the stored one.
 */
export const binderSigner = async (deps: SigningDeps, organisationId: string): Promise<BinderSigner> => {
  const wrapping = deps.vault.derivedKey(SIGNING_KEY_WRAP_PURPOSE);
  let row = await storedKey(deps.db, organisationId);
  if (!row) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await tables(deps.db)
      .insertInto('binder_signing_keys')
      .values({
        organisation_id: organisationId,
        public_key: publicKeyPem,
        fingerprint: fingerprintOf(publicKey),
        wrapped_private_key: seal(
          wrapping,
          associatedData(organisationId),
          privateKey.export({ type: 'pkcs8', format: 'der' }),
        ),
      })
      .onConflict((conflict) => conflict.column('organisation_id').doNothing())
      .execute();
    row = await storedKey(deps.db, organisationId);
    if (!row) throw new Error(`The signing key of organisation ${organisationId} was not stored`);
  }
  let der: Buffer;
  try {
    der = open(wrapping, associatedData(organisationId), row.wrapped_private_key);
  } catch (error) {
    if (error instanceof PersonalDataIntegrityError) throw new WrongKeyEncryptionKeyError();
    throw error;
  }
  const signer = signerOf(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
  if (signer.publicKeyPem !== row.public_key || signer.fingerprint !== row.fingerprint) {
    throw new Error(`The signing key of organisation ${organisationId} does not match its public key`);
  }
  return signer;
};

const storedKey = (db: Db, organisationId: string) =>
  tables(db)
    .selectFrom('binder_signing_keys')
    .select(['public_key', 'fingerprint', 'wrapped_private_key'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
