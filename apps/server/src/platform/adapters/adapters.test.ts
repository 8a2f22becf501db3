import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContactCipher, loadMasterKey } from './contact-cipher';
import { FileStore } from './file-store';
import { hashPassword, verifyPassword, DUMMY_HASH } from './password';

describe('contact cipher', () => {
  const cipher = new ContactCipher(Buffer.alloc(32, 7));

  it('round-trips and never stores the plain value', () => {
    const enc = cipher.encrypt('13812345678');
    expect(enc).not.toContain('13812345678');
    expect(cipher.decrypt(enc)).toBe('13812345678');
    expect(cipher.encrypt('13812345678')).not.toBe(enc);
  });

  it('detects tampering', () => {
    const enc = cipher.encrypt('13812345678')!;
    const parts = enc.split(':');
    parts[3] = Buffer.from('13900000000').toString('base64');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow();
  });

  it('hashes equal numbers equally regardless of spacing, and keys differ', () => {
    expect(cipher.hash('138 1234 5678')).toBe(cipher.hash('13812345678'));
    expect(new ContactCipher(Buffer.alloc(32, 8)).hash('13812345678')).not.toBe(cipher.hash('13812345678'));
  });

  it('creates a key file once and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-key-'));
    const keyFile = path.join(dir, 'secret.key');
    const a = loadMasterKey({ secretKey: null, keyFile });
    const b = loadMasterKey({ secretKey: null, keyFile });
    expect(a.equals(b)).toBe(true);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
  });
});

describe('password hashing', () => {
  it('verifies the right password only', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('wrong horse battery', hash)).toBe(false);
    expect(await verifyPassword('anything', DUMMY_HASH)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('random pool', () => {
  it('hands out fresh bytes on every draw, across refills', async () => {
    const { poolRandomBytes } = await import('./random-pool');
    const seen = new Set<string>();
    // 3000 draws of 12 bytes span several 8 KiB refills; a repeat would mean reused bytes.
    for (let i = 0; i < 3000; i++) {
      const bytes = poolRandomBytes(12);
      expect(bytes).toHaveLength(12);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(3000);
    expect(poolRandomBytes(10_000)).toHaveLength(10_000);
  });
});

describe('file store', () => {
  it('stores identical bytes written at the same moment once, without a temp file collision (issue #15 item 6)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-files-'));
    try {
      const store = new FileStore(root);
      const bytes = Buffer.from('the same photo, uploaded twenty times at once');
      const hashes = await Promise.all(Array.from({ length: 20 }, () => store.put(bytes)));
      expect(new Set(hashes).size).toBe(1);
      expect(store.has(hashes[0])).toBe(true);
      const dir = path.join(root, hashes[0].slice(0, 2));
      expect(fs.readdirSync(dir)).toEqual([hashes[0]]);
      expect(fs.readFileSync(path.join(dir, hashes[0]))).toEqual(bytes);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
