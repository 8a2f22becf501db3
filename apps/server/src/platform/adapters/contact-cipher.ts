/**
 * Encryption of contact data at rest (AES-256-GCM) with a keyed hash (HMAC-SHA-256) for
 * lookups. The key comes from config or from a key file created on first run.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { poolRandomBytes } from './random-pool';
import fs from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';

/** Encrypts, decrypts and hashes contact values. */
export class ContactCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('the secret key must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'lianxin contact encryption', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'lianxin contact lookup', 32));
  }

  /** Ciphertext of `plain` (null stays null). */
  encrypt(plain: string | null | undefined): string | null {
    if (plain === null || plain === undefined || plain === '') return null;
    const iv = poolRandomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  /** Plain text of a value made by `encrypt`; throws if it was tampered with. */
  decrypt(stored: string | null | undefined): string | null {
    if (!stored) return null;
    const [version, iv, tag, body] = stored.split(':');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }

  /** Keyed hash for equality lookups; normalizes spaces and case first. */
  hash(plain: string | null | undefined): string | null {
    if (!plain) return null;
    const normalized = plain.replace(/[\s-]/g, '').toLowerCase();
    return createHmac('sha256', this.macKey).update(normalized).digest('base64url');
  }
}

/**
 * The master key: from config (base64) or from `keyFile`, which is created with mode
 * 0600 on first run. Losing the key file makes stored contact data unreadable, so
 * backups must include it (docs/OPERATIONS.md).
 */
export function loadMasterKey(options: { secretKey: string | null; keyFile: string }): Buffer {
  if (options.secretKey) return Buffer.from(options.secretKey, 'base64');
  if (fs.existsSync(options.keyFile)) {
    const key = Buffer.from(fs.readFileSync(options.keyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`key file ${options.keyFile} does not hold a 32-byte base64 key`);
    return key;
  }
  fs.mkdirSync(path.dirname(options.keyFile), { recursive: true });
  const key = randomBytes(32);
  // 'wx' fails if another process created the file first; then read theirs.
  try {
    fs.writeFileSync(options.keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch {
    return loadMasterKey(options);
  }
}
