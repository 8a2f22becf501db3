/**
 * Deadlines and supervision on an injected clock (issue #4): limits counted in working
 * days across 2025 National Day (with the Sunday make-up workday 2025-09-28) and 2026
 * Spring Festival; an overdue case is urged, then escalated up the chain, each step
 * exactly once however often the scheduler runs.
 */
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker, type Worker } from '../src/worker';
import { createTestApp, type Session, type TestApp } from './support';

const dialects = await testDialects();

describe.each(dialects)('deadlines and escalation on %s', (dialect) => {
  let t: TestApp;
  let worker: Worker;
  let staff: Session;
  let admin: Session;

  beforeAll(async () => {
    // Sessions outlive the simulated weeks.
    t = await createTestApp(dialect, { sessionHours: 24 * 365 });
    worker = createWorker(t.ctx, () => {}, { schedules: false });
    t.clock.set('2025-09-26T02:00:00.000Z'); // Friday 10:00 in China, before National Day
    staff = await t.login('staff-anyang');
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const scan = async () => {
    await t.ctx.repos.jobs.enqueue({
      id: `scan-${t.clock.now().toISOString()}-${Math.random()}`,
      name: 'case.escalation_scan',
      runAt: t.clock.now().toISOString(),
      now: t.clock.now().toISOString(),
    });
    await worker.runner.drain();
  };

  it('computes deadlines across National Day and escalates an overdue case once per rung', async () => {
    const submitted = await t.request({
      method: 'POST',
      url: '/api/v1/public/opinions',
      payload: { content: '安阳街道某路口红绿灯故障，交通混乱。', kind: 'complaint', anonymous: true },
    });
    const caseId = (await t.ctx.repos.cases.findByTrackingCode(submitted.json().trackingCode))!.id;
    const get = async () => (await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, session: staff })).json();
    const act = async (action: string, body: Record<string, unknown>) =>
      t.request({
        method: 'POST',
        url: `/api/v1/cases/${caseId}/actions/${action}`,
        session: staff,
        payload: { expectedVersion: (await get()).case.version, ...body },
      });
    const departments = (await t.request({ method: 'GET', url: '/api/v1/departments?q=公安', session: staff })).json();
    expect((await act('accept', {})).statusCode).toBe(200);
    const assigned = (await act('assign', { departmentId: departments.items[0].id })).json();
    // Sign: 1 working day → Sunday 2025-09-28 is a make-up workday.
    expect(assigned.case.signDueAt).toBe('2025-09-28T15:59:59.999Z');
    // Reply (complaint, 7 working days): 9/28, 9/29, 9/30, [10/1–10/8 off], 10/9, 10/10, 10/11 (Sat, make-up), 10/13.
    expect(assigned.case.replyDueAt).toBe('2025-10-13T15:59:59.999Z');

    // The sign deadline passes: the station urges once, however often the scan runs.
    t.clock.set('2025-09-29T01:00:00.000Z');
    await scan();
    await scan();
    let events = (await get()).events.map((e: { type: string }) => e.type);
    expect(events.filter((type: string) => type === 'urge')).toHaveLength(1);
    expect((await get()).case.clocks.sign).toBe('overdue');

    // Still not signed a working day later (9/30): the general station supervises, once.
    t.clock.set('2025-09-30T16:30:00.000Z');
    await scan();
    await scan();
    events = (await get()).events.map((e: { type: string }) => e.type);
    expect(events.filter((type: string) => type === 'urge')).toHaveLength(1);
    expect(events.filter((type: string) => type === 'supervise')).toHaveLength(1);
    expect((await get()).case.supervised).toBe(true);
    const supervisedList = (await t.request({ method: 'GET', url: '/api/v1/cases?worklist=supervised', session: admin })).json();
    expect(supervisedList.items.map((c: { id: string }) => c.id)).toContain(caseId);
  });

  it('counts working days across the 2026 Spring Festival', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/v1/calendar/deadline?start=${encodeURIComponent('2026-02-13T10:00:00+08:00')}&workdays=3`,
      session: admin,
    });
    // 2/14 (Sat, make-up workday), [2/15–2/23 Spring Festival], 2/24, 2/25.
    expect(res.json().deadline).toBe('2026-02-25T15:59:59.999Z');
    const year = (await t.request({ method: 'GET', url: '/api/v1/calendar?year=2026', session: admin })).json();
    expect(year.coverage).toBe('library');
    const fallback = (await t.request({ method: 'GET', url: '/api/v1/calendar?year=2040', session: admin })).json();
    expect(fallback.coverage).toBe('fallback');
    expect(fallback.warnings.length).toBeGreaterThan(0);
    expect(fallback.specialDays.find((d: { date: string }) => d.date === '2040-10-01')).toMatchObject({ workday: false });
  });

  it('lets admins override a day, also by ICS import, and refuses others', async () => {
    const put = await t.request({
      method: 'PUT',
      url: '/api/v1/calendar/overrides',
      session: admin,
      payload: { overrides: [{ date: '2026-03-06', kind: 'holiday', note: '地方活动' }] },
    });
    expect(put.statusCode).toBe(200);
    const res = await t.request({
      method: 'GET',
      url: `/api/v1/calendar/deadline?start=${encodeURIComponent('2026-03-05T10:00:00+08:00')}&workdays=1`,
      session: admin,
    });
    expect(res.json().deadline).toBe('2026-03-09T15:59:59.999Z');
    const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260309', 'SUMMARY:补班', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const imported = await t.request({ method: 'POST', url: '/api/v1/calendar/import-ics', session: admin, payload: { ics } });
    expect(imported.json().imported).toBe(1);
    expect((await t.request({ method: 'PUT', url: '/api/v1/calendar/overrides', session: staff, payload: { overrides: [] } })).statusCode).toBe(403);
    const bad = await t.request({
      method: 'PUT',
      url: '/api/v1/calendar/overrides',
      session: admin,
      payload: { overrides: [{ date: '2026-02-30', kind: 'holiday' }] },
    });
    expect(bad.statusCode).toBe(400);
  });
});
