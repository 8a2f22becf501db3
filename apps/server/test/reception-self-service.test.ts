/**
 * Issue #5 follow-up on both databases: staff change and deactivate rota rules and the
 * publication window; a citizen looks up and cancels their own booking with the code and
 * the phone's last 4 digits (place freed, staff see it cancelled, guessing limited).
 */
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();
const at = (day: string, hhmm = '09:00') => `2026-04-${day}T${hhmm}:00+08:00`;

/** A reception of the public rota, as far as these tests read it. */
interface Rota {
  id: string;
  date: string;
  startTime: string;
  capacity: number;
  booked: number;
  available: number;
  deputies: Array<{ id: string }>;
}

describe.each(dialects)('reception rules and booking self-service on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let staffA: Session;
  let staffB: Session;
  let stationA: string;
  let d1: string, d2: string;

  /** Public rota of station A at the test's evening hours (the demo rota never uses them). */
  const evening = async () =>
    ((await t.request({ method: 'GET', url: `/api/v1/public/receptions?unitId=${stationA}` })).json().items as Rota[]).filter((r) => r.startTime >= '18:00');
  const rule = (payload: Record<string, unknown>, session = staffA) =>
    t.request({ method: 'POST', url: '/api/v1/reception-rules', session, payload: { unitId: stationA, startTime: '18:00', endTime: '19:30', ...payload } });

  beforeAll(async () => {
    t = await createTestApp(dialect, { sessionHours: 24 * 30 });
    t.clock.set(at('01'));
    [admin, staffA, staffB] = await Promise.all(['admin', 'staff-anyang', 'staff-tangxia'].map((u) => t.login(u)));
    const stations = (await t.request({ method: 'GET', url: '/api/v1/public/units?kind=station' })).json().items as Array<{ id: string; region: string }>;
    stationA = stations.find((s) => s.region === '安阳街道')!.id;
    [d1, d2] = ((await t.request({ method: 'GET', url: `/api/v1/public/deputies?unitId=${stationA}` })).json().items as Array<{ id: string }>).map((d) => d.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('changes a weekly rule (future receptions follow) and deactivates it (booked ones cancelled, not lost)', async () => {
    const created = await rule({ kind: 'weekly', weekday: 5, capacity: 2, deputyIds: [d1], validFrom: '2026-04-01' });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect((await evening()).map((x) => `${x.date} ${x.startTime}`)).toEqual(['2026-04-03 18:00', '2026-04-10 18:00']);

    const body = { unitId: stationA, kind: 'weekly', weekday: 5, startTime: '18:30', endTime: '20:00', capacity: 4, deputyIds: [d2], validFrom: '2026-04-01' };
    const foreign = await t.request({ method: 'PUT', url: `/api/v1/reception-rules/${r.id}`, session: staffB, payload: body });
    expect([foreign.statusCode, errorCode(foreign)]).toEqual([403, 'PERMISSION_DENIED']);
    const changed = await t.request({
      method: 'PUT',
      url: `/api/v1/reception-rules/${r.id}`,
      session: staffA,
      payload: { ...body, expectedVersion: r.version },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ version: r.version + 1, startTime: '18:30', capacity: 4, deputyIds: [d2] });
    const rota = await evening();
    expect(rota.map((x) => [x.date, x.startTime, x.capacity, x.deputies.map((d) => d.id)])).toEqual([
      ['2026-04-03', '18:30', 4, [d2]],
      ['2026-04-10', '18:30', 4, [d2]],
    ]);
    const stale = await t.request({ method: 'PUT', url: `/api/v1/reception-rules/${r.id}`, session: staffA, payload: { ...body, expectedVersion: r.version } });
    expect(stale.statusCode).toBe(409);

    // A citizen books the 10th; then the rule is switched off.
    const booked = await t.request({ method: 'POST', url: `/api/v1/public/receptions/${rota[1].id}/bookings`, payload: { phone: '13912345678' } });
    expect(booked.statusCode, booked.body).toBe(201);
    const off = await t.request({
      method: 'PUT',
      url: `/api/v1/reception-rules/${r.id}`,
      session: staffA,
      payload: { ...body, active: false, expectedVersion: r.version + 1 },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    expect(await evening()).toEqual([]);
    const staff = (await t.request({ method: 'GET', url: `/api/v1/receptions?from=2026-04-01&to=2026-04-14&unitId=${stationA}`, session: staffA })).json();
    const mine = staff.items.filter((x: { startTime: string }) => x.startTime === '18:30');
    // The unbooked 3rd disappears; the booked 10th stays on record as cancelled, so the citizen is told.
    expect(mine.map((x: { date: string; status: string }) => [x.date, x.status])).toEqual([['2026-04-10', 'cancelled']]);
    const rules = (await t.request({ method: 'GET', url: `/api/v1/reception-rules?unitId=${stationA}`, session: staffA })).json().items;
    expect(rules.find((x: { id: string }) => x.id === r.id)).toMatchObject({ active: false, startTime: '18:30' });
  });

  it('lets admins change how far ahead the rota is published', async () => {
    const once = await rule({ kind: 'once', date: '2026-04-06', startTime: '19:00', endTime: '20:00', deputyIds: [d1], validFrom: '2026-04-01' });
    expect(once.statusCode, once.body).toBe(201);
    const put = (session: Session, publishDays: number) =>
      t.request({ method: 'PUT', url: '/api/v1/reception-settings', session, payload: { publishDays, reminderHours: 24 } });
    expect((await put(staffA, 3)).statusCode).toBe(403);
    expect((await put(admin, 0)).statusCode).toBe(400);
    expect((await put(admin, 3)).json()).toEqual({ publishDays: 3, reminderHours: 24 });
    const short = (await t.request({ method: 'GET', url: `/api/v1/public/receptions?unitId=${stationA}` })).json();
    expect(short.publishedUntil).toBe('2026-04-03');
    expect(await evening()).toEqual([]);
    expect((await put(admin, 14)).statusCode).toBe(200);
    expect((await evening()).map((x) => x.date)).toEqual(['2026-04-06']);
  });

  it('a citizen looks up and cancels their booking; the place is freed and staff see it cancelled', async () => {
    const [reception] = await evening();
    const book = await t.request({
      method: 'POST',
      url: `/api/v1/public/receptions/${reception.id}/bookings`,
      payload: { phone: '138-0000-4321', topic: '路灯' },
    });
    expect(book.statusCode, book.body).toBe(201);
    const code = book.json().bookingCode as string;
    expect(book.json().reception.booked).toBe(1);

    const lookup = (c: string, verify: string) => t.request({ method: 'POST', url: `/api/v1/public/bookings/${c}`, payload: { verify } });
    const wrong = await lookup(code, '1234');
    expect([wrong.statusCode, errorCode(wrong)]).toEqual([404, 'RESOURCE_NOT_FOUND']);
    expect(errorCode(await lookup('NOSUCHCODE', '4321'))).toBe('RESOURCE_NOT_FOUND');
    const found = await lookup(code.toLowerCase(), '4321');
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({
      bookingCode: code,
      status: 'booked',
      topic: '路灯',
      cancellable: true,
      reception: { date: '2026-04-06', startTime: '19:00' },
    });
    expect(JSON.stringify(found.json())).not.toContain('4321');

    const cancel = (c: string, verify: string) => t.request({ method: 'POST', url: `/api/v1/public/bookings/${c}/cancel`, payload: { verify } });
    expect((await cancel(code, '0000')).statusCode).toBe(404);
    expect((await cancel(code, '4321')).statusCode).toBe(204);
    expect((await evening())[0]).toMatchObject({ booked: 0, available: 10 });
    expect((await lookup(code, '4321')).json()).toMatchObject({ status: 'cancelled', cancellable: false });
    expect((await cancel(code, '4321')).statusCode).toBe(204); // already cancelled: nothing changes
    expect((await evening())[0]).toMatchObject({ booked: 0 });
    const detail = (await t.request({ method: 'GET', url: `/api/v1/receptions/${reception.id}`, session: staffA })).json();
    expect(detail.bookings.map((b: { phone: string; status: string }) => [b.phone, b.status])).toEqual([['138****4321', 'cancelled']]);
  });

  it('refuses cancelling once the reception has begun', async () => {
    const [reception] = await evening();
    const code = (await t.request({ method: 'POST', url: `/api/v1/public/receptions/${reception.id}/bookings`, payload: { phone: '13700005555' } })).json()
      .bookingCode as string;
    t.clock.set(at('06', '19:05'));
    const late = await t.request({ method: 'POST', url: `/api/v1/public/bookings/${code}/cancel`, payload: { verify: '5555' } });
    expect([late.statusCode, errorCode(late)]).toEqual([422, 'ACTION_NOT_ALLOWED']);
    expect((await t.request({ method: 'POST', url: `/api/v1/public/bookings/${code}`, payload: { verify: '5555' } })).json()).toMatchObject({
      status: 'booked',
      cancellable: false,
    });
    t.clock.set(at('01'));
  });

  it('limits guessing per booking code and address, without letting a stranger lock the owner out (issue #15 item 4)', async () => {
    const [reception] = await evening();
    const code = (await t.request({ method: 'POST', url: `/api/v1/public/receptions/${reception.id}/bookings`, payload: { phone: '13600007777' } })).json()
      .bookingCode as string;
    const lookup = (verify: string, remoteAddress: string) =>
      t.request({ method: 'POST', url: `/api/v1/public/bookings/${code}`, payload: { verify }, remoteAddress });
    for (let i = 0; i < 10; i++) {
      const miss = await t.request({
        method: 'POST',
        url: `/api/v1/public/bookings/${code}/cancel`,
        payload: { verify: String(1000 + i) },
        remoteAddress: '10.0.0.1',
      });
      expect(miss.statusCode).toBe(404);
    }
    // The guessing address waits now, even with the right digits; the owner's phone does not.
    const locked = await lookup('7777', '10.0.0.1');
    expect([locked.statusCode, errorCode(locked)]).toEqual([429, 'RATE_LIMITED']);
    expect((await lookup('7777', '10.0.1.1')).statusCode).toBe(200);
    // Guessed from many addresses: past 50 failures an address that failed on the code gets no more tries, a fresh one still may.
    for (let i = 0; i < 40; i++) expect((await lookup(String(2000 + i), `10.0.2.${i + 1}`)).statusCode).toBe(404);
    expect((await lookup('7777', '10.0.2.1')).statusCode).toBe(429);
    expect((await lookup('7777', '10.0.3.1')).statusCode).toBe(200);
    t.clock.set('2026-04-01T02:05:00.000Z');
    expect((await lookup('7777', '10.0.0.1')).statusCode).toBe(200);
  });
});
