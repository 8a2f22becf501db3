/**
 * The registry is the one way into the queue: every job name is declared once, and no server code
 * outside platform/jobs writes job rows itself (it goes through enqueue.ts, which checks payloads).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOB_TYPES, jobTypeNamed } from './registry';

const SRC = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

describe('job registry', () => {
  it('declares each job name once and finds it by name', () => {
    const names = JOB_TYPES.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const type of JOB_TYPES) expect(jobTypeNamed(type.name)).toBe(type);
    expect(jobTypeNamed('no.such.job')).toBeUndefined();
  });

  it('is the only way into the queue: no direct jobs.enqueue outside platform/jobs', () => {
    const own = path.join(SRC, 'platform', 'jobs');
    const direct = /\.jobs\s*\.\s*enqueue(Many)?\s*\(/;
    const offenders = sources(SRC)
      .filter((file) => !file.startsWith(own + path.sep) && direct.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file));
    expect(offenders).toEqual([]);
    // The pattern does catch what it is meant to.
    expect(direct.test('await trx.jobs.enqueueMany(rows)')).toBe(true);
  });
});
