/**
 * Saving calendar overrides answers at once and leaves the recount of handling times to job
 * `stats.workdays_sync`: the save queues it (and says so), a burst of saves shares one job,
 * the job brings the statistics in line with the calendar stored when it runs, and running it
 * again changes nothing. The worker is driven by the test on an injected clock, on both databases.
 */
import { RECOUNT_JOB } from '../src/org/calendar.service';
import { createWorker, type Worker } from '../src/worker';
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from './support';

const dialects = await testDialects();

type Override = { date: string; kind: 'holiday' | 'workday' };

describe.each(dialects)('calendar recount job on %s', (dialect) => {
  let t: TestApp;
  let worker: Worker;
  let admin: Session;

  const get = async (url: string) => {
    const res = await t.request({ method: 'GET', url, session: admin });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const act = async (id: string, action: string, body: Record<string, unknown> = {}) => {
    const current = await get(`/api/v1/cases/${id}`);
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/${action}`,
      session: admin,
      payload: { expectedVersion: current.case.version, ...body },
    });
    if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
  };
  const save = async (overrides: Override[]) => {
    const res = await t.request({ method: 'PUT', url: '/api/v1/calendar/overrides', session: admin, payload: { overrides } });
    expect(res.statusCode).toBe(200);
    return res.json<{ overrides: Override[]; statsRecountPending: boolean }>();
  };
  /** The whole month (roll-up) and part of it (the cases themselves). */
  const averages = async () =>
    Promise.all(
      ['from=2026-03-01&to=2026-03-31', 'from=2026-03-09T08:00:00%2B08:00&to=2026-03-20T12:00:00%2B08:00'].map(
        async (p) => (await get(`/api/v1/stats/overview?${p}`)).avgHandleWorkdays as number | null,
      ),
    );
  const queued = async () => (await t.ctx.repos.jobs.list({ name: RECOUNT_JOB, limit: 100 })).filter((j) => j.status === 'pending' || j.status === 'running');
  const pendingOnPage = async () => (await get('/api/v1/calendar?year=2026')).statsRecountPending as boolean;
  /** Lets the recount's short delay pass and runs what is due, as the worker would. */
  const runJobs = async () => {
    t.clock.advance(10_000);
    return worker.runner.drain();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { sessionHours: 24 * 30 });
    worker = createWorker(t.ctx, () => {}, { schedules: false });
    // March 2026 has no statutory holiday: Mon 9th → Thu 12th is 3 working days, Mon 16th → Wed 18th 2.
    for (const [from, to] of [
      ['2026-03-09T09:00:00+08:00', '2026-03-12T10:00:00+08:00'],
      ['2026-03-16T09:00:00+08:00', '2026-03-18T10:00:00+08:00'],
    ]) {
      t.clock.set(from);
      admin = await t.login('admin');
      const receipt = await t.ctx.intake.submit(
        { content: '小区门口路灯不亮，夜间出行不便，请尽快维修。', contact: { phone: '13700001234' } },
        { channel: 'walk_in' },
      );
      await act(receipt.case.id, 'accept');
      t.clock.set(to);
      await act(receipt.case.id, 'answer_on_site', { content: '已联系供电所更换灯具，路灯已恢复照明。' });
    }
    t.clock.set('2026-03-20T10:00:00+08:00');
    await runJobs();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('a save answers at once with the recount pending; the job brings the statistics in line', async () => {
    expect(await averages()).toEqual([2.5, 2.5]);
    expect(await pendingOnPage()).toBe(false);

    // Wednesday the 11th becomes a holiday: saved, and the recount queued — not yet done.
    const saved = await save([{ date: '2026-03-11', kind: 'holiday' }]);
    expect(saved).toEqual({ overrides: [{ date: '2026-03-11', kind: 'holiday' }], statsRecountPending: true });
    expect(await queued()).toHaveLength(1);
    expect(await pendingOnPage()).toBe(true);
    expect(await averages()).toEqual([2.5, 2.5]);

    expect(await runJobs()).toBeGreaterThanOrEqual(1);
    expect(await averages()).toEqual([2, 2]);
    expect(await queued()).toHaveLength(0);
    expect(await pendingOnPage()).toBe(false);

    // Running the recount again finds nothing to change.
    expect(await t.ctx.calendars.runRecount()).toBe(0);
    expect(await averages()).toEqual([2, 2]);
  });

  it('saves in a row share one job, which counts by the last calendar saved', async () => {
    await save([{ date: '2026-03-17', kind: 'holiday' }]);
    await save([
      { date: '2026-03-11', kind: 'holiday' },
      { date: '2026-03-17', kind: 'holiday' },
    ]);
    expect(await queued()).toHaveLength(1);
    await runJobs();
    // 9th → 12th without the 11th: 2; 16th → 18th without the 17th: 1.
    expect(await averages()).toEqual([1.5, 1.5]);

    // A save while a recount runs queues another one (the running one may have read the older calendar).
    await save([]);
    const [job] = await t.ctx.repos.jobs.claim('other-worker', new Date(t.clock.now().getTime() + 10_000).toISOString(), 10, 60_000);
    expect(job.name).toBe(RECOUNT_JOB);
    await save([{ date: '2026-03-10', kind: 'holiday' }]);
    expect((await queued()).map((j) => j.status).sort()).toEqual(['pending', 'running']);
    // The other worker finishes its recount; ours runs the queued one: the last save wins.
    await t.ctx.calendars.runRecount();
    await t.ctx.repos.jobs.complete(job.id, 'other-worker', t.clock.now().toISOString());
    await runJobs();
    expect(await queued()).toHaveLength(0);
    // 9th → 12th without the 10th: 2; 16th → 18th: 2.
    expect(await averages()).toEqual([2, 2]);
  });
});
