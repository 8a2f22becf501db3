/**
 * Average handling time in working days honours the calendar in force: an admin declaring a
 * holiday (or taking it back) changes the overview's `avgHandleWorkdays` once the recount job
 * queued by the save ran, on the roll-up path (whole months and years) and on the direct path
 * (parts of days), in every breakdown. On an injected clock, on both databases.
 */
import { createWorkingCalendar } from '@lianxin/core';
import { workdayOrdinals } from '@lianxin/storage';
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from './support';

const dialects = await testDialects();

describe.each(dialects)('working days in the statistics on %s', (dialect) => {
  let t: TestApp;
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
  /** Saves the overrides and runs the recount the save queued (calendar-recount.test.ts drives it through the worker). */
  const setOverrides = async (overrides: Array<{ date: string; kind: 'holiday' | 'workday' }>) => {
    const res = await t.request({ method: 'PUT', url: '/api/v1/calendar/overrides', session: admin, payload: { overrides } });
    expect(res.statusCode).toBe(200);
    await t.ctx.calendars.runRecount();
  };
  /** A case received at `from` and answered on the spot at `to` (China time). */
  const handled = async (from: string, to: string) => {
    t.clock.set(from);
    admin = await t.login('admin');
    const receipt = await t.ctx.intake.submit(
      { content: '小区门口路灯不亮，夜间出行不便，请尽快维修。', contact: { phone: '13700001234' } },
      { channel: 'walk_in' },
    );
    await act(receipt.case.id, 'accept');
    t.clock.set(to);
    admin = await t.login('admin');
    await act(receipt.case.id, 'answer_on_site', { content: '已联系供电所更换灯具，路灯已恢复照明。' });
  };

  // Whole month and whole year: the roll-up; instants inside days: the cases themselves.
  const PERIODS = ['from=2026-03-01&to=2026-03-31', 'from=2026-01-01&to=2026-12-31', 'from=2026-03-09T08:00:00%2B08:00&to=2026-03-20T12:00:00%2B08:00'];
  const averages = async () => Promise.all(PERIODS.map(async (p) => (await get(`/api/v1/stats/overview?${p}`)).avgHandleWorkdays as number | null));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // March 2026 has no statutory holiday. Mon 9th → Thu 12th: 3 working days; Mon 16th → Wed 18th: 2.
    await handled('2026-03-09T09:00:00+08:00', '2026-03-12T10:00:00+08:00');
    await handled('2026-03-16T09:00:00+08:00', '2026-03-18T10:00:00+08:00');
    t.clock.set('2026-03-20T10:00:00+08:00');
    admin = await t.login('admin');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('a holiday declared afterwards shortens the average; taking it back restores it', async () => {
    expect(await averages()).toEqual([2.5, 2.5, 2.5]);

    // Wednesday the 11th becomes a local holiday: the first case took 2 working days.
    await setOverrides([{ date: '2026-03-11', kind: 'holiday' }]);
    expect(await averages()).toEqual([2, 2, 2]);

    // A make-up workday on Sunday the 15th falls between neither case's receipt and answer: no change.
    await setOverrides([
      { date: '2026-03-11', kind: 'holiday' },
      { date: '2026-03-15', kind: 'workday' },
    ]);
    expect(await averages()).toEqual([2, 2, 2]);

    // Declaring Tuesday the 17th a holiday too shortens the second case to 1.
    await setOverrides([
      { date: '2026-03-11', kind: 'holiday' },
      { date: '2026-03-17', kind: 'holiday' },
    ]);
    expect(await averages()).toEqual([1.5, 1.5, 1.5]);

    await setOverrides([]);
    expect(await averages()).toEqual([2.5, 2.5, 2.5]);
  });

  it('moves every breakdown of the roll-up with the calendar, as the cases themselves count', async () => {
    await setOverrides([{ date: '2026-03-10', kind: 'holiday' }]);
    const [rollup, direct] = await Promise.all([PERIODS[0], PERIODS[2]].map((p) => get(`/api/v1/stats/overview?${p}`)));
    const lines = (o: { byUnit: object[]; byCategory: object[]; byDepartment: object[]; byChannel: object[] }) =>
      [o.byUnit, o.byCategory, o.byDepartment, o.byChannel].map((list) =>
        (list as Array<{ id: string | null; avgHandleWorkdays: number | null }>).map((l) => [l.id, l.avgHandleWorkdays]),
      );
    expect(rollup.avgHandleWorkdays).toBe(2);
    expect(lines(rollup)).toEqual(lines(direct));
    expect(
      lines(rollup)
        .flat()
        .map(([, avg]) => avg),
    ).toEqual(expect.arrayContaining([2]));
    // Syncing again with nothing changed writes nothing.
    expect(await t.ctx.calendars.syncStatistics()).toBe(0);
  });

  it('moves the roll-up alike by rebuilding it (many cases affected) or through its triggers (few)', async () => {
    await setOverrides([]);
    expect(await averages()).toEqual([2.5, 2.5, 2.5]);
    // Both ways of moving the roll-up, whichever the size of this database would pick.
    const holiday = workdayOrdinals(createWorkingCalendar({ overrides: [{ date: '2026-03-11', kind: 'holiday' }] }));
    const inForce = workdayOrdinals(await t.ctx.calendars.current());
    const { stats } = t.ctx.repos;
    // The set-based rebuild, as a calendar change over years of cases takes…
    expect(await stats.syncWorkdays(holiday, { rebuildAbove: 0 })).toBeGreaterThan(0);
    expect(await averages()).toEqual([2, 2, 2]);
    expect(await stats.syncWorkdays(inForce, { rebuildAbove: 0 })).toBeGreaterThan(0);
    expect(await averages()).toEqual([2.5, 2.5, 2.5]);
    // …and the cases taken out and put back through the triggers, as a recent holiday takes.
    expect(await stats.syncWorkdays(holiday, { rebuildAbove: 1_000_000 })).toBeGreaterThan(0);
    expect(await averages()).toEqual([2, 2, 2]);
    expect(await stats.syncWorkdays(inForce, { rebuildAbove: 1_000_000 })).toBeGreaterThan(0);
    expect(await averages()).toEqual([2.5, 2.5, 2.5]);
    // The cases themselves are as they were.
    expect((await get(`/api/v1/cases?pageSize=10&status=replied`)).total).toBe(2);
  });
});
