/**
 * Crash safety in CI (issue #9 item 3), scaled down from scripts/crash-test.ts: the real
 * server under sustained submissions and case actions is killed with SIGKILL twice and
 * restarted; every acknowledged submission is still tracked, every acknowledged action
 * left its event, nothing is half-applied and the audit chain verifies.
 */
import { describe, expect, it } from 'vitest';
import { testDialects } from '@lianxin/storage/testing';
import { runCrashTest } from '../../../scripts/crash-test';

const dialects = await testDialects();

describe.each(dialects)('crash safety on %s', (dialect) => {
  it('loses nothing acknowledged and half-applies nothing across two SIGKILLs', async () => {
    const report = await runCrashTest({ dialect, kills: 2, loadMs: [1000, 2000], submitters: 4, handlers: 3 });
    expect(report.problems).toEqual([]);
    // The load really ran across the kills: without it the checks above prove nothing.
    expect(report.submissionsAcknowledged).toBeGreaterThan(20);
    expect(report.actionsAcknowledged).toBeGreaterThan(5);
    expect(report.casesChecked).toBeGreaterThanOrEqual(report.submissionsAcknowledged);
  }, 150_000); // about 35 s here when the machine is quiet; three process starts take far longer on a loaded 2-core machine
});
