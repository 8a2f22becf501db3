import { FixedClock } from '@lianxin/core';
import { createRepositories, openDatabase } from '@lianxin/storage';
import { openTestStorage, testDialects } from '@lianxin/storage/testing';
import { describe, expect, it } from 'vitest';
import { backoffDelay, cronJobId, JobRunner } from './job-runner';

const dialects = await testDialects();
const T0 = '2026-03-02T01:00:00.000Z';

describe('backoff', () => {
  it('doubles per attempt up to the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, 1000, 5000))).toEqual([1000, 2000, 4000, 5000]);
  });
});

describe.each(dialects)('job runner on %s', (dialect) => {
  it('retries a failing job with backoff on the injected clock, then moves it to the dead letters', async () => {
    const storage = await openTestStorage(dialect);
    try {
      const repos = createRepositories(storage.db);
      const clock = new FixedClock(T0);
      let calls = 0;
      const failing = new JobRunner({
        repos,
        clock,
        handlers: {
          flaky: async () => {
            calls++;
            throw new Error('boom');
          },
        },
        backoffMs: 1000,
      });
      await repos.jobs.enqueue({ id: 'j1', name: 'flaky', runAt: T0, maxAttempts: 3, now: T0 });
      expect(await failing.runOnce()).toBe(1);
      expect(await repos.jobs.find('j1')).toMatchObject({ status: 'pending', attempts: 1, runAt: '2026-03-02T01:00:01.000Z', lastError: 'boom' });
      expect(await failing.runOnce()).toBe(0); // not due yet
      clock.advance(1000);
      await failing.runOnce();
      expect(await repos.jobs.find('j1')).toMatchObject({ status: 'pending', attempts: 2, runAt: '2026-03-02T01:00:03.000Z' });
      clock.advance(2000);
      await failing.runOnce();
      expect(await repos.jobs.find('j1')).toMatchObject({ status: 'dead', attempts: 3 });
      expect(calls).toBe(3);
      expect((await repos.jobs.stats(clock.now().toISOString())).dead).toBe(1);
    } finally {
      await storage.dispose();
    }
  });

  it('enqueues one job per cron slot however many instances tick', async () => {
    const storage = await openTestStorage(dialect);
    try {
      const repos = createRepositories(storage.db);
      const clock = new FixedClock(T0);
      const schedule = { name: 'digest', pattern: '0 8 * * *', job: 'digest' };
      const a = new JobRunner({ repos, clock, handlers: {} });
      const b = new JobRunner({ repos, clock, handlers: {} });
      const slot = new Date('2026-03-02T00:00:00.000Z');
      expect(await Promise.all([a.enqueueSlot(schedule, slot), b.enqueueSlot(schedule, slot)])).toEqual(expect.arrayContaining([true, false]));
      expect(await repos.jobs.find(cronJobId('digest', slot))).toMatchObject({ name: 'digest', payload: { slot: slot.toISOString() } });
    } finally {
      await storage.dispose();
    }
  });

  it('several runners over separate connections run every job exactly once', async () => {
    const storage = await openTestStorage(dialect);
    const extra = storage.url ? [openDatabase({ databaseUrl: storage.url, poolSize: 3 }), openDatabase({ databaseUrl: storage.url, poolSize: 3 })] : [];
    try {
      const clock = new FixedClock(T0);
      const repos = createRepositories(storage.db);
      for (let i = 0; i < 60; i++) await repos.jobs.enqueue({ id: `job-${i}`, name: 'count', payload: { i }, runAt: T0, now: T0 });
      const seen: number[] = [];
      const handlers = { count: async (payload: Record<string, unknown>) => void seen.push(payload.i as number) };
      const runners = [storage, ...extra].map((s) => new JobRunner({ repos: createRepositories(s.db), clock, handlers, batchSize: 5 }));
      await Promise.all(runners.map((r) => r.drain()));
      expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    } finally {
      await Promise.all(extra.map((s) => s.close()));
      await storage.dispose();
    }
  });
});
