/**
 * Many instances on one PostgreSQL database in CI (issue #9 item 4), scaled down from
 * scripts/instances-test.ts: three `lianxin start` processes, clients spread across them.
 * Sessions work everywhere, concurrent actions lose no update, every reminder and
 * notification job runs exactly once, and the submission limit is shared.
 */
import { describe, expect, it } from 'vitest';
import { testDialects } from '@lianxin/storage/testing';
import { runInstancesTest } from '../../../scripts/instances-test';

const dialects = await testDialects();

describe.runIf(dialects.includes('postgres'))('three instances on one PostgreSQL database', () => {
  it('share sessions, lose no update, run each job once and count limits together', async () => {
    const report = await runInstancesTest({ instances: 3, cases: 6, writers: 6, notesPerWriter: 2, racers: 6 });
    expect(report.problems).toEqual([]);
    expect(report.raceWinners).toBe(6);
    expect(report.raceConflicts).toBe(30);
    expect(report.notesLanded).toBe(12);
    expect(report.rateLimitedAfter).toBe(20);
  }, 150_000); // three process starts and a worker race on a busy 2-core machine
});
