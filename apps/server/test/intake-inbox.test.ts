/**
 * The intake inbox (issue #3, intake throughput) on both databases: a web-only instance answers a
 * citizen's submission once one inbox row is stored; the tracking page works at once from that
 * row; the same idempotency key answers the first answer before and after the case is opened; a
 * worker opens the submissions as complete cases (events, jobs, search tokens, photos, spam
 * flags) and empties the inbox; a submission that cannot be opened is set aside after a few tries
 * without holding up the others, one whose payload does not fit its version at once; a row of a
 * payload version the worker does not know is kept, counted and logged, not crashed on; and two
 * workers draining at once (on PostgreSQL each skipping the rows the other holds) open each
 * submission exactly once.
 */
import { testDialects } from '@lianxin/storage/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INBOX_MAX_ATTEMPTS, IntakeInboxWorker } from '../src/intake/intake-inbox.worker';
import { INBOX_PAYLOAD_VERSIONS } from '../src/intake/inbox-payload';
import { createTestApp, errorCode, type TestApp } from './support';

const dialects = await testDialects();

function multipart(bytes: Buffer) {
  const boundary = '----lianxin-inbox-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(dialects)('intake inbox on %s', (dialect) => {
  let t: TestApp;
  const submit = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.request({ method: 'POST', url: '/api/v1/public/opinions', payload, headers });
  const caseCount = async () => (await t.ctx.repos.cases.list({ all: true }, { pageSize: 1 })).total;
  const worker = (log?: (level: string, message: string, data?: Record<string, unknown>) => void) =>
    new IntakeInboxWorker(t.ctx.storage.db, {
      pollMs: 50,
      open: (s, earlier) => t.ctx.intake.open(s, earlier),
      opened: (r) => t.ctx.duplicates.note(r),
      ...(log ? { log } : {}),
    });

  beforeAll(async () => {
    // A web-only instance: citizens' submissions go to the inbox.
    t = await createTestApp(dialect, { rateLimits: false, intakeInbox: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('acknowledges from the inbox, tracks at once, and a worker opens complete cases', async () => {
    const before = await caseCount();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3a3' } })
      .png()
      .toBuffer();
    const upload = await t.request({ method: 'POST', url: '/api/v1/public/attachments', ...multipart(png) });
    expect(upload.statusCode).toBe(201);
    const photoId = upload.json<{ id: string }>().id;
    const bodies = Array.from({ length: 8 }, (_, i) => ({
      content: `收件箱测试第${i}件：东山街道菜场门口积水严重，请尽快疏通。`,
      ...(i === 0 ? { attachmentIds: [photoId] } : {}),
      ...(i % 2 ? { contact: { phone: `1380000${String(2000 + i)}` } } : { anonymous: true }),
    }));
    const uploadSession = `lx_upload=${upload.cookies.find((c) => c.name === 'lx_upload')!.value}`;
    const answers = await Promise.all(bodies.map((b, i) => submit(b, { 'idempotency-key': `inbox-${dialect}-${i}`, cookie: uploadSession })));
    expect(answers.map((a) => a.statusCode)).toEqual(bodies.map(() => 201));
    const receipts = answers.map((a) => a.json<{ trackingCode: string; secret?: string; createdAt: string }>());
    const verifyOf = (i: number) => (i % 2 ? String(2000 + i).slice(-4) : receipts[i].secret!);

    // Acknowledged = stored: every submission waits in the inbox, no case is open yet.
    expect(await caseCount()).toBe(before);
    expect(await t.ctx.repos.intakeInbox.counts(INBOX_MAX_ATTEMPTS, INBOX_PAYLOAD_VERSIONS)).toEqual({ waiting: 8, failed: 0, unknownVersion: 0 });
    const metrics = await t.request({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^lianxin_intake_inbox\{state="waiting"\} 8$/m);
    const waiting = await t.request({ method: 'GET', url: `/api/v1/public/opinions/${receipts[0].trackingCode}?verify=${verifyOf(0)}` });
    expect(waiting.statusCode).toBe(200);
    expect(waiting.json()).toMatchObject({
      status: 'submitted',
      timeline: [{ type: 'submitted', at: receipts[0].createdAt }],
      canRate: false,
      attachments: [{ id: photoId }],
    });
    const photo = await t.request({ method: 'GET', url: `/api/v1/public/opinions/${receipts[0].trackingCode}/attachments/${photoId}?verify=${verifyOf(0)}` });
    expect(photo.statusCode).toBe(200);
    // A wrong verify code is refused for a waiting submission too.
    const wrong = await t.request({ method: 'GET', url: `/api/v1/public/opinions/${receipts[1].trackingCode}?verify=0000` });
    expect(wrong.statusCode).toBe(404);
    // Rating waits until the case is open.
    const early = await t.request({
      method: 'POST',
      url: `/api/v1/public/opinions/${receipts[1].trackingCode}/rating`,
      payload: { rating: 'satisfied', verify: verifyOf(1) },
    });
    expect(errorCode(early)).toBe('CASE_INVALID_TRANSITION');
    // A retry with the same key answers the first answer and queues nothing.
    const retry = await submit(bodies[2], { 'idempotency-key': `inbox-${dialect}-2` });
    expect(retry.statusCode).toBe(201);
    expect(retry.json().trackingCode).toBe(receipts[2].trackingCode);
    expect((await t.ctx.repos.intakeInbox.counts(INBOX_MAX_ATTEMPTS, INBOX_PAYLOAD_VERSIONS)).waiting).toBe(8);

    expect(await worker().drain()).toBe(8);
    expect(await caseCount()).toBe(before + 8);
    expect(await t.ctx.repos.intakeInbox.counts(INBOX_MAX_ATTEMPTS, INBOX_PAYLOAD_VERSIONS)).toEqual({ waiting: 0, failed: 0, unknownVersion: 0 });
    for (const [i, r] of receipts.entries()) {
      const record = (await t.ctx.repos.cases.findByTrackingCode(r.trackingCode))!;
      // Clocks run from the time the citizen submitted, not from when the worker opened it.
      expect(record).toMatchObject({ status: 'submitted', createdAt: r.createdAt, channel: 'online' });
      expect(record.acceptDueAt! > r.createdAt).toBe(true);
      const events = await t.ctx.repos.cases.events(record.id);
      expect(events.map((e) => e.type)).toEqual(['submitted']);
      const track = await t.request({ method: 'GET', url: `/api/v1/public/opinions/${r.trackingCode}?verify=${verifyOf(i)}` });
      expect(track.statusCode).toBe(200);
      expect(track.json()).toMatchObject({ status: 'submitted', timeline: [{ type: 'submitted' }] });
    }
    const first = (await t.ctx.repos.cases.findByTrackingCode(receipts[0].trackingCode))!;
    expect((await t.ctx.repos.attachments.forCase(first.id)).map((a) => a.id)).toEqual([photoId]);
    // Search finds opened cases (tokens were written with them).
    const admin = await t.login('admin');
    const found = await t.request({ method: 'GET', url: `/api/v1/cases?q=${encodeURIComponent('菜场 积水')}&pageSize=50`, session: admin });
    expect(found.statusCode).toBe(200);
    expect(found.json<{ total: number }>().total).toBeGreaterThanOrEqual(8);
    // After opening, the same key still answers the first answer and opens nothing new.
    const late = await submit(bodies[3], { 'idempotency-key': `inbox-${dialect}-3` });
    expect(late.json().trackingCode).toBe(receipts[3].trackingCode);
    expect(await worker().drain()).toBe(0);
    expect(await caseCount()).toBe(before + 8);
  });

  it('flags a phone that submits in a burst when its cases are opened', async () => {
    for (let i = 0; i < 4; i++) {
      const res = await submit({ content: `同一号码连续提交第${i}次：路灯不亮。`, contact: { phone: '13999990000' } });
      expect(res.statusCode).toBe(201);
    }
    await worker().drain();
    const hash = t.ctx.cipher.hash('13999990000')!;
    const rows = (await t.ctx.repos.cases.list({ all: true }, { pageSize: 200 })).items.filter((c) => c.reporterPhoneHash === hash);
    expect(rows).toHaveLength(4);
    expect(rows.filter((c) => c.spamFlags.includes('phone_burst')).length).toBeGreaterThanOrEqual(1);
  });

  it('sets aside a submission that cannot be opened and opens the rest', async () => {
    const good = await submit({ content: '正常的一件：公园长椅损坏。', anonymous: true });
    const bad = await submit({ content: '会被损坏的一件：测试用。', anonymous: true });
    const badCode = bad.json<{ trackingCode: string }>().trackingCode;
    // One waiting row whose opening fails (its station vanished, say): retried, then set aside.
    const row = (await t.ctx.repos.intakeInbox.findByTrackingCode(badCode))!;
    const payload = row.payload as { fields: Record<string, unknown> };
    await t.storage.db
      .updateTable('intake_inbox')
      .set({ payload: JSON.stringify({ ...payload, fields: { ...payload.fields, unitId: 'no-such-unit' } }) })
      .where('tracking_code', '=', badCode)
      .execute();
    const w = worker();
    let opened = 0;
    for (let i = 0; i < INBOX_MAX_ATTEMPTS + 1; i++) opened += await w.drain();
    expect(opened).toBe(1);
    expect(await t.ctx.repos.cases.findByTrackingCode(good.json<{ trackingCode: string }>().trackingCode)).toBeDefined();
    expect(await t.ctx.repos.cases.findByTrackingCode(badCode)).toBeUndefined();
    expect(await t.ctx.repos.intakeInbox.counts(INBOX_MAX_ATTEMPTS, INBOX_PAYLOAD_VERSIONS)).toEqual({ waiting: 0, failed: 1, unknownVersion: 0 });
    await t.storage.db.deleteFrom('intake_inbox').execute();
  });

  it('sets aside at once a payload that does not fit its version, with the reason', async () => {
    const good = await submit({ content: '正常的一件：河道有垃圾漂浮。', anonymous: true });
    const bad = await submit({ content: '会被损坏的一件：测试用。', anonymous: true });
    const badCode = bad.json<{ trackingCode: string }>().trackingCode;
    // Corrupt one waiting row as a disk or a bad release might.
    await t.storage.db.updateTable('intake_inbox').set({ payload: '{"fields":null}' }).where('tracking_code', '=', badCode).execute();
    const logged: Array<{ level: string; message: string; data?: Record<string, unknown> }> = [];
    expect(await worker((level, message, data) => void logged.push({ level, message, ...(data ? { data } : {}) })).drain()).toBe(1);
    expect(await t.ctx.repos.cases.findByTrackingCode(good.json<{ trackingCode: string }>().trackingCode)).toBeDefined();
    expect(await t.ctx.repos.intakeInbox.counts(INBOX_MAX_ATTEMPTS, INBOX_PAYLOAD_VERSIONS)).toEqual({ waiting: 0, failed: 1, unknownVersion: 0 });
    const kept = await t.storage.db.selectFrom('intake_inbox').selectAll().where('tracking_code', '=', badCode).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ attempts: INBOX_MAX_ATTEMPTS, last_error: expect.stringMatching(/^payload invalid: fields: /) });
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', message: 'intake inbox submission set aside' }));
    // The tracking page does not misread it either.
    expect((await t.request({ method: 'GET', url: `/api/v1/public/opinions/${badCode}?verify=0000` })).statusCode).toBe(404);
    await t.storage.db.deleteFrom('intake_inbox').execute();
  });

  it('keeps a row of a payload version it does not know for a worker that does: counted in /metrics, logged, not opened, not crashed on', async () => {
    const future = await submit({ content: '新版本写入的一件：路口红绿灯故障。', anonymous: true });
    const futureCode = future.json<{ trackingCode: string; secret: string }>();
    const now = await submit({ content: '当前版本的一件：人行道地砖松动。', anonymous: true });
    // As a newer web instance would write it during a rolling upgrade.
    await t.storage.db.updateTable('intake_inbox').set({ payload_version: 2 }).where('tracking_code', '=', futureCode.trackingCode).execute();
    const logged: Array<{ level: string; message: string; data?: Record<string, unknown> }> = [];
    expect(await worker((level, message, data) => void logged.push({ level, message, ...(data ? { data } : {}) })).drain()).toBe(1);
    expect(await t.ctx.repos.cases.findByTrackingCode(now.json<{ trackingCode: string }>().trackingCode)).toBeDefined();
    expect(await t.ctx.repos.cases.findByTrackingCode(futureCode.trackingCode)).toBeUndefined();
    expect(await t.ctx.repos.intakeInbox.counts(INBOX_MAX_ATTEMPTS, INBOX_PAYLOAD_VERSIONS)).toEqual({ waiting: 0, failed: 0, unknownVersion: 1 });
    const kept = await t.storage.db.selectFrom('intake_inbox').selectAll().where('tracking_code', '=', futureCode.trackingCode).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ attempts: 0, last_error: null, payload_version: 2 });
    expect(logged).toContainEqual({
      level: 'warn',
      message: 'intake inbox holds submissions of a payload version this worker does not open; a newer worker will',
      data: { count: 1, versions: [1] },
    });
    const metrics = await t.request({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^lianxin_intake_inbox\{state="unknown_version"\} 1$/m);
    expect(metrics.body).toMatch(/^lianxin_intake_inbox\{state="waiting"\} 0$/m);
    // Its tracking page does not misread a payload it does not know.
    expect((await t.request({ method: 'GET', url: `/api/v1/public/opinions/${futureCode.trackingCode}?verify=${futureCode.secret}` })).statusCode).toBe(404);
    // A worker that knows version 2 (here: the row put back to 1) opens it.
    await t.storage.db.updateTable('intake_inbox').set({ payload_version: 1 }).where('tracking_code', '=', futureCode.trackingCode).execute();
    expect(await worker().drain()).toBe(1);
    expect(await t.ctx.repos.cases.findByTrackingCode(futureCode.trackingCode)).toBeDefined();
  });

  it('opens each submission once when two workers drain at the same time', async () => {
    await t.storage.db.deleteFrom('intake_inbox').execute();
    const before = await caseCount();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        submit({ content: `并发开启测试第${i}件：飞云街道路面破损。`, anonymous: true }, { 'idempotency-key': `two-workers-${i}` }),
      ),
    );
    expect(answers.every((a) => a.statusCode === 201)).toBe(true);
    const [a, b] = await Promise.all([worker().drain(), worker().drain()]);
    expect(a + b).toBe(40);
    expect(await caseCount()).toBe(before + 40);
    expect((await t.ctx.repos.intakeInbox.counts(INBOX_MAX_ATTEMPTS, INBOX_PAYLOAD_VERSIONS)).waiting).toBe(0);
  });
});
