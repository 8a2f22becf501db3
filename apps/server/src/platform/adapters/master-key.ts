/**
 * The secret key a process opens its database with, checked against the database. Contact data
 * is encrypted with the key, so a process with another key (a database copied without its
 * `secret.key`, a generated bench database, a wrong `LIANXIN_SECRET_KEY`) would answer 500 to
 * every request that decrypts. Instead it refuses to start, saying which key is missing: the
 * database keeps a check value derived from its key (`settings.secret_key_check`, written by the
 * first process that opens it), and a database from before the check value is tried on a few of
 * its ciphertexts. A new key file is only created for a database that holds nothing encrypted.
 */
import { hkdfSync } from 'node:crypto';
import fs from 'node:fs';
import type { Repositories } from '@lianxin/storage';
import { ContactCipher, loadMasterKey } from './contact-cipher';

/** Why a process may not open its database with the key it has. */
export class SecretKeyMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyMismatchError';
  }
}

/** A value that identifies `masterKey` without revealing it (HKDF, its own purpose). */
export function keyCheckValue(masterKey: Buffer): string {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'lianxin secret key check', 16)).toString('base64url');
}

/** Whether `masterKey` decrypts every one of `ciphertexts`. */
function decryptsAll(masterKey: Buffer, ciphertexts: string[]): boolean {
  const cipher = new ContactCipher(masterKey);
  try {
    for (const c of ciphertexts) cipher.decrypt(c);
    return true;
  } catch {
    return false;
  }
}

const where = (options: { secretKey: string | null; keyFile: string }) => (options.secretKey ? 'LIANXIN_SECRET_KEY' : `the key file ${options.keyFile}`);

/**
 * The master key for this database (from `LIANXIN_SECRET_KEY` or the key file, which is created
 * only when the database holds nothing encrypted yet), after checking it is the key the
 * database's data was encrypted with; the check value is stored on first use. Throws
 * {@link SecretKeyMismatchError} with what to do otherwise. O(1): a settings row and a few
 * ciphertexts read by index.
 */
export async function openMasterKey(
  options: { secretKey: string | null; keyFile: string },
  repos: Pick<Repositories, 'secretKey'>,
  now: Date,
): Promise<Buffer> {
  const stored = await repos.secretKey.check();
  const configured = !!options.secretKey || fs.existsSync(options.keyFile);
  if (!configured) {
    if (stored || (await repos.secretKey.sampleCiphertexts()).length)
      throw new SecretKeyMismatchError(
        `数据库中的联系方式由另一把密钥加密，但本机没有密钥。The database holds contact data encrypted with a secret key, but there is no key here: ` +
          `put the database's secret.key at ${options.keyFile} (it is next to the database in a backup, or next to a database made by bench/generate) ` +
          'or set LIANXIN_SECRET_KEY to it (docs/OPERATIONS.md, "The secret key").',
      );
  }
  const key = loadMasterKey(options);
  const check = keyCheckValue(key);
  if (stored) {
    if (stored !== check) throw mismatch(options);
    return key;
  }
  const samples = await repos.secretKey.sampleCiphertexts();
  if (samples.length && !decryptsAll(key, samples)) throw mismatch(options);
  if ((await repos.secretKey.claimCheck(check, now.toISOString())) !== check) throw mismatch(options);
  return key;
}

function mismatch(options: { secretKey: string | null; keyFile: string }): SecretKeyMismatchError {
  return new SecretKeyMismatchError(
    `密钥与数据库不符，拒绝启动。The secret key (${where(options)}) is not the key this database's contact data was encrypted with: ` +
      "use the database's own secret.key (from its backup, or the one bench/generate wrote next to it) or its LIANXIN_SECRET_KEY " +
      '(docs/OPERATIONS.md, "The secret key").',
  );
}
