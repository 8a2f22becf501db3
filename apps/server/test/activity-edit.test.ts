/**
 * Issue #5 activities on both databases: an activity is changed after the fact — deputies,
 * summary, the cases that came out of it (only cases the station may see can be linked),
 * photos added and removed — and the deputy's duty record follows.
 */
import { testDialects } from '@lianxin/storage/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

function multipart(fileName: string, bytes: Buffer, type: string) {
  const boundary = '----lianxin-activity-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(dialects)('activity editing on %s', (dialect) => {
  let t: TestApp;
  let staffA: Session;
  let stationA: string;
  let stationB: string;
  let d1: string, d2: string;
  const caseIn = async (unitId: string, content: string) => {
    const res = await t.request({ method: 'POST', url: '/api/v1/public/opinions', payload: { content, kind: 'help', unitId } });
    expect(res.statusCode, res.body).toBe(201);
    return (await t.ctx.repos.cases.findByTrackingCode(res.json().trackingCode as string))!.id;
  };
  const photo = async (color: string) => {
    const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: color } })
      .png()
      .toBuffer();
    const res = await t.request({ method: 'POST', url: '/api/v1/attachments', session: staffA, ...multipart('site.png', png, 'image/png') });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { sessionHours: 24 * 30 });
    t.clock.set('2026-04-10T02:00:00.000Z');
    staffA = await t.login('staff-anyang');
    const stations = (await t.request({ method: 'GET', url: '/api/v1/public/units?kind=station' })).json().items as Array<{ id: string; region: string }>;
    stationA = stations.find((s) => s.region === '安阳街道')!.id;
    stationB = stations.find((s) => s.region === '塘下镇')!.id;
    [d1, d2] = ((await t.request({ method: 'GET', url: `/api/v1/public/deputies?unitId=${stationA}` })).json().items as Array<{ id: string }>).map((d) => d.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('changes an activity: deputies, summary, linked cases in scope, photos added and removed', async () => {
    const own1 = await caseIn(stationA, '安阳街道某小区电梯老旧，经常停运，请尽快检修。');
    const own2 = await caseIn(stationA, '安阳街道菜市场周边占道经营严重，希望整治。');
    const foreign = await caseIn(stationB, '塘下镇某路口红绿灯时间太短，行人过街不安全。');
    const [p1, p2, p3] = [await photo('#c33'), await photo('#3c3'), await photo('#33c')];
    const base = { unitId: stationA, kind: 'research', title: '老旧小区电梯调研', date: '2026-04-09', location: '安阳街道', summary: '走访两个小区' };
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/activities',
      session: staffA,
      payload: { ...base, deputyIds: [d1], caseIds: [own1], photoIds: [p1, p2] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json();

    // Another station's case cannot be linked (answered like an unknown id), nor can a case id be invented.
    const put = (payload: Record<string, unknown>) => t.request({ method: 'PUT', url: `/api/v1/activities/${a.id}`, session: staffA, payload });
    const refused = await put({ ...base, deputyIds: [d1], caseIds: [own1, foreign, 'nope'], photoIds: [p1, p2], expectedVersion: a.version });
    expect([refused.statusCode, errorCode(refused)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(refused.json().error.details.map((d: { path: string; code: string }) => `${d.path}:${d.code}`)).toEqual([
      'caseIds.1:not_found',
      'caseIds.2:not_found',
    ]);

    const changed = await put({
      ...base,
      summary: '走访两个小区，收集意见两条',
      deputyIds: [d1, d2],
      caseIds: [own2, own1],
      photoIds: [p2, p3],
      expectedVersion: a.version,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ version: a.version + 1, summary: '走访两个小区，收集意见两条', caseIds: [own2, own1], photoIds: [p2, p3] });
    expect([...changed.json().deputyIds].sort()).toEqual([d1, d2].sort());
    expect((await put({ ...base, deputyIds: [d1], expectedVersion: a.version })).statusCode).toBe(409);

    // The removed photo is no longer served from the activity; the kept and the new ones are.
    const photoStatus = async (id: string) => (await t.request({ method: 'GET', url: `/api/v1/activities/${a.id}/photos/${id}`, session: staffA })).statusCode;
    expect([await photoStatus(p1), await photoStatus(p2), await photoStatus(p3)]).toEqual([404, 200, 200]);

    // The deputy added afterwards has the activity, with its cases, in their duty record.
    const admin = await t.login('admin');
    const duty = (await t.request({ method: 'GET', url: `/api/v1/deputies/${d2}/duty?year=2026`, session: admin })).json();
    expect(duty.activities.map((x: { id: string; caseIds: string[] }) => [x.id, x.caseIds])).toEqual([[a.id, [own2, own1]]]);
  });
});
