import { FixedClock } from '@lianxin/core';
import { createRepositories, openDatabase } from '@lianxin/storage';
import { openTestStorage, testDialects } from '@lianxin/storage/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { byName, defineJob, JobInterrupted } from './define';
import { enqueue, newJob } from './enqueue';
import { backoffDelay, cronJobId, JobRunner } from './job-runner';
import { jobType } from './job-type';
import { CASE_NOTIFY, DAILY_DIGEST } from '../../cases/case-job-types';

const dialects = await testDialects();
const T0 = '2026-03-02T01:00:00.000Z';

describe('backoff', () => {
  it('doubles per attempt up to the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, 1000, 5000))).toEqual([1000, 2000, 4000, 5000]);
  });
});

describe('typed enqueue', () => {
  const placement = { id: 'j', runAt: T0, now: T0 };

  it('names jobs from the registry and checks payloads at compile time and at run time', () => {
    expect(newJob('notify', { caseId: 'c1', to: 'citizen', template: 'case.accepted' }, placement)).toMatchObject({
      name: 'notify',
      payload: { caseId: 'c1', to: 'citizen', template: 'case.accepted' },
    });
    // A cron job's payload is the slot; a declared maxAttempts travels with the row.
    expect(newJob('webhook.deliver', { deliveryId: 'd1' }, placement)).toMatchObject({ maxAttempts: 6 });
    expect(() =>
      // @ts-expect-error -- no job of that name is declared (platform/jobs/registry.ts)
      newJob('case.nope', {}, placement),
    ).toThrow('Job case.nope: payload invalid: no such job');
    expect(() =>
      // @ts-expect-error -- `to` must be one of the recipients of core's NotifyRecipient
      newJob('notify', { caseId: 'c1', to: 'everyone', template: 'case.accepted' }, placement),
    ).toThrow(/Job notify: payload invalid: to: /);
    expect(() =>
      // @ts-expect-error -- `caseId` is required
      newJob('case.deadline', { at: T0 }, placement),
    ).toThrow(/caseId/);
    // What the types cannot say (an empty id) is refused at run time alike.
    expect(() => newJob('notify', { caseId: '', to: 'citizen', template: 't' }, placement)).toThrow(/caseId/);
  });
});

describe.each(dialects)('job runner on %s', (dialect) => {
  const flakyType = jobType({ name: 'test.flaky', schema: z.object({}) });
  const countType = jobType({ name: 'test.count', schema: z.object({ i: z.number().int() }) });

  it('retries a failing job with backoff on the injected clock, then moves it to the dead letters', async () => {
    const storage = await openTestStorage(dialect);
    try {
      const repos = createRepositories(storage.db);
      const clock = new FixedClock(T0);
      let calls = 0;
      const failing = new JobRunner({
        repos,
        clock,
        jobs: byName(
          defineJob({
            ...flakyType,
            handler: async () => {
              calls++;
              throw new Error('boom');
            },
          }),
        ),
        backoffMs: 1000,
      });
      await repos.jobs.enqueue({ id: 'j1', name: 'test.flaky', runAt: T0, maxAttempts: 3, now: T0 });
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

  it('refuses a payload that fails its schema on enqueue, and dead-letters one found in the table at once, with the reason', async () => {
    const storage = await openTestStorage(dialect);
    try {
      const repos = createRepositories(storage.db);
      const clock = new FixedClock(T0);
      const ran: unknown[] = [];
      const runner = new JobRunner({ repos, clock, jobs: byName(defineJob({ ...CASE_NOTIFY, handler: async (payload) => void ran.push(payload) })) });
      // Refused before anything is stored.
      await expect(enqueue(repos, 'notify', { caseId: 'c1', to: 'citizen', template: '' }, { id: 'refused', runAt: T0, now: T0 })).rejects.toMatchObject({
        code: 'INTERNAL_ERROR',
        message: expect.stringContaining('Job notify: payload invalid: template'),
      });
      expect(await repos.jobs.find('refused')).toBeUndefined();
      // A row that got in some other way (an older version, a hand-made row): not run, not retried.
      await repos.jobs.enqueue({ id: 'bad', name: 'notify', payload: { caseId: 42, to: 'everyone' }, runAt: T0, maxAttempts: 5, now: T0 });
      await enqueue(repos, 'notify', { caseId: 'c1', to: 'citizen', template: 'case.accepted' }, { id: 'good', runAt: T0, now: T0 });
      expect(await runner.drain()).toBe(2);
      const bad = await repos.jobs.find('bad');
      expect(bad).toMatchObject({ status: 'dead', attempts: 1 });
      expect(bad?.lastError).toMatch(/^payload invalid: caseId: .*; to: .*; template: /);
      expect(await repos.jobs.find('good')).toMatchObject({ status: 'done' });
      expect(ran).toEqual([{ caseId: 'c1', to: 'citizen', template: 'case.accepted' }]);
    } finally {
      await storage.dispose();
    }
  });

  it('retries a job this version has no handler for (a newer worker may), then dead-letters it', async () => {
    const storage = await openTestStorage(dialect);
    try {
      const repos = createRepositories(storage.db);
      const clock = new FixedClock(T0);
      const runner = new JobRunner({ repos, clock, jobs: {}, backoffMs: 1000 });
      await repos.jobs.enqueue({ id: 'later', name: 'from.the.future', runAt: T0, maxAttempts: 2, now: T0 });
      await runner.runOnce();
      expect(await repos.jobs.find('later')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'no handler for job from.the.future' });
      clock.advance(1000);
      await runner.runOnce();
      expect(await repos.jobs.find('later')).toMatchObject({ status: 'dead', attempts: 2 });
    } finally {
      await storage.dispose();
    }
  });

  it('enqueues one job per cron slot however many instances tick', async () => {
    const storage = await openTestStorage(dialect);
    try {
      const repos = createRepositories(storage.db);
      const clock = new FixedClock(T0);
      const schedule = { name: 'digest', pattern: '0 8 * * *', job: DAILY_DIGEST.name };
      const a = new JobRunner({ repos, clock, jobs: {} });
      const b = new JobRunner({ repos, clock, jobs: {} });
      const slot = new Date('2026-03-02T00:00:00.000Z');
      expect(await Promise.all([a.enqueueSlot(schedule, slot), b.enqueueSlot(schedule, slot)])).toEqual(expect.arrayContaining([true, false]));
      expect(await repos.jobs.find(cronJobId('digest', slot))).toMatchObject({ name: 'digest.daily', payload: { slot: slot.toISOString() } });
    } finally {
      await storage.dispose();
    }
  });

  it('runs a long job beside the batch, keeps its claim alive, and puts it back as it was when the runner stops', async () => {
    const storage = await openTestStorage(dialect);
    try {
      const repos = createRepositories(storage.db);
      const clock = new FixedClock(T0);
      const longType = jobType({ name: 'test.long', schema: z.object({ steps: z.number() }), long: true, maxAttempts: 2 });
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      let arrived: () => void = () => {};
      const atGate = new Promise<void>((resolve) => (arrived = resolve));
      let step = 0;
      const seen: string[] = [];
      const jobs = byName(
        defineJob({
          ...longType,
          handler: async (payload, run) => {
            while (step < payload.steps) {
              if (run.signal.aborted) throw new JobInterrupted();
              step++;
              clock.advance(20_000); // a quarter of the lock and more: the heartbeat extends it
              await run.heartbeat();
              seen.push((await repos.jobs.find(run.job.id))!.lockedUntil!);
              if (step === 2) {
                arrived();
                await gate;
              }
            }
          },
        }),
        defineJob({ ...countType, handler: async ({ i }) => void seen.push(`count ${i}`) }),
      );
      const runner = new JobRunner({ repos, clock, jobs, lockMs: 60_000 });
      await repos.jobs.enqueue({ id: 'long', name: 'test.long', payload: { steps: 4 }, runAt: T0, maxAttempts: 2, now: T0 });
      expect(await runner.runOnce()).toBe(1);
      await atGate;
      // The batch did not wait for it: a short job runs while the long one is held at its second step.
      await repos.jobs.enqueue({ id: 'short', name: 'test.count', payload: { i: 1 }, runAt: clock.now().toISOString(), now: clock.now().toISOString() });
      expect(await runner.runOnce()).toBe(1);
      expect(seen).toEqual(['2026-03-02T01:01:20.000Z', '2026-03-02T01:01:40.000Z', 'count 1']);
      const stopping = runner.stop();
      release();
      await stopping;
      // Back in the queue, its interrupted attempt not counted; another worker resumes it.
      expect(await repos.jobs.find('long')).toMatchObject({ status: 'pending', attempts: 0, lockedBy: null });
      const next = new JobRunner({ repos, clock, jobs });
      expect(await next.drain()).toBe(1);
      expect(step).toBe(4);
      expect(await repos.jobs.find('long')).toMatchObject({ status: 'done', attempts: 1 });
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
      for (let i = 0; i < 60; i++) await repos.jobs.enqueue({ id: `job-${i}`, name: 'test.count', payload: { i }, runAt: T0, now: T0 });
      const seen: number[] = [];
      const jobs = byName(defineJob({ ...countType, handler: async ({ i }) => void seen.push(i) }));
      const runners = [storage, ...extra].map((s) => new JobRunner({ repos: createRepositories(s.db), clock, jobs, batchSize: 5 }));
      await Promise.all(runners.map((r) => r.drain()));
      expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    } finally {
      await Promise.all(extra.map((s) => s.close()));
      await storage.dispose();
    }
  });
});
