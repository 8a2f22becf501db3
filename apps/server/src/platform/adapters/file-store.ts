/**
 * Attachment bytes under the data directory, addressed by their SHA-256, so the same
 * photo uploaded twice is stored once and a stored file can never be swapped silently.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Stores and reads attachment bytes by content hash. */
export class FileStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!/^[a-f0-9]{64}$/.test(sha256)) throw new Error('not a sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  /**
   * Writes `bytes` (atomically: temp file then rename) and returns their hash. Identical
   * uploads at the same moment each write their own temp file (a random name, never shared
   * within a process or between instances on one data directory); the renames then replace the
   * target with the same bytes, so whichever lands last changes nothing.
   */
  async put(bytes: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (fs.existsSync(target)) return sha256;
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.${randomBytes(8).toString('hex')}.tmp`;
    try {
      await fs.promises.writeFile(temp, bytes, { mode: 0o600 });
      await fs.promises.rename(temp, target);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
    return sha256;
  }

  /**
   * Stores what `source` streams without holding it in memory (an export of a million rows):
   * written to a temp file while hashed, then renamed into place like `put`. Returns the hash and
   * the size; `signal` aborts (the temp file is removed).
   */
  async putStream(source: Readable, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
    await fs.promises.mkdir(this.root, { recursive: true });
    const temp = path.join(this.root, `.${process.pid}.${randomBytes(8).toString('hex')}.tmp`);
    const hash = createHash('sha256');
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, count, fs.createWriteStream(temp, { mode: 0o600 }), ...(signal ? [{ signal }] : []));
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      if (fs.existsSync(target)) await fs.promises.rm(temp, { force: true });
      else {
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await fs.promises.rename(temp, target);
      }
      return { sha256, size };
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
  }

  /** A read stream of stored bytes. */
  open(sha256: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(sha256));
  }

  /** The stored bytes, or null when they are not there. */
  async read(sha256: string): Promise<Buffer | null> {
    try {
      return await fs.promises.readFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Whether the bytes are there. */
  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  /** Deletes stored bytes (when no attachment refers to them any more). */
  async remove(sha256: string): Promise<void> {
    await fs.promises.rm(this.pathOf(sha256), { force: true });
  }
}
