/**
 * `GET /api/v1/calendar/overrides`: the whole override list and the confirmed years, which
 * the console's calendar page edits and sends back through the PUT (that replaces both).
 */
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from './support';

const dialects = await testDialects();

describe.each(dialects)('calendar overrides list on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let staff: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin');
    staff = await t.login('staff-anyang');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('returns every year and the confirmed years, to anyone signed in; the year view shows only its slice', async () => {
    const empty = await t.request({ method: 'GET', url: '/api/v1/calendar/overrides', session: staff });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ overrides: [], confirmedYears: [] });

    const overrides = [
      { date: '2026-03-06', kind: 'holiday', note: '地方活动' },
      { date: '2040-02-11', kind: 'workday' },
    ];
    const put = await t.request({ method: 'PUT', url: '/api/v1/calendar/overrides', session: admin, payload: { overrides, confirmedYears: [2040] } });
    expect(put.statusCode).toBe(200);

    const all = await t.request({ method: 'GET', url: '/api/v1/calendar/overrides', session: staff });
    expect(all.json()).toEqual({ overrides, confirmedYears: [2040] });
    const year = (await t.request({ method: 'GET', url: '/api/v1/calendar?year=2040', session: staff })).json();
    expect(year.overrides).toEqual([overrides[1]]);
    expect(year.coverage).toBe('confirmed');

    // An ICS import keeps the confirmed years and may bring notes longer than the PUT accepts.
    const summary = '国务院办公厅关于二〇四〇年部分节假日安排的通知'.repeat(6);
    const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20400212', `SUMMARY:${summary}`, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    expect((await t.request({ method: 'POST', url: '/api/v1/calendar/import-ics', session: admin, payload: { ics } })).statusCode).toBe(200);
    const afterImport = (await t.request({ method: 'GET', url: '/api/v1/calendar/overrides', session: admin })).json();
    expect(afterImport.confirmedYears).toEqual([2040]);
    expect(afterImport.overrides).toHaveLength(3);
    expect(afterImport.overrides.find((o: { date: string }) => o.date === '2040-02-12').note.length).toBeGreaterThan(100);
  });

  it('needs a session', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/calendar/overrides' });
    expect(res.statusCode).toBe(401);
  });
});
