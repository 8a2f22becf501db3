/**
 * Opinion intake and tracking (issue #3) over app.inject on both databases: submission,
 * verification, idempotency, bad input that stores nothing, tracking-code enumeration,
 * uploads recognised by content with metadata stripped, the proof-of-work challenge, and
 * offline intake by staff.
 */
import { randomBytes } from 'node:crypto';
import { generateTrackingCode } from '@lianxin/core';
import { testDialects } from '@lianxin/storage/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../src/intake/challenge.service';
import { createTestApp, errorCode, type TestApp } from './support';

const dialects = await testDialects();

function multipart(field: string, fileName: string, bytes: Buffer, type = 'application/octet-stream') {
  const boundary = '----lianxin-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(dialects)('intake on %s', (dialect) => {
  let t: TestApp;
  const caseCount = async () => (await t.ctx.repos.cases.list({ all: true }, { pageSize: 1 })).total;
  const submit = (payload: unknown, headers: Record<string, string> = {}) =>
    t.request({ method: 'POST', url: '/api/v1/public/opinions', payload: payload as object, headers });

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('accepts an anonymous opinion and gives a readable tracking code and a secret', async () => {
    const res = await submit({ content: '万松路的路灯坏了好几天，晚上很黑，请尽快修复。', kind: 'help', anonymous: true });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.trackingCode).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{2}$/);
    expect(body.secret).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{6}$/);
    expect(body.verifyHint).toContain(body.secret);
    const track = await t.request({ method: 'GET', url: `/api/v1/public/opinions/${body.trackingCode}?verify=${body.secret}` });
    expect(track.statusCode).toBe(200);
    expect(track.json()).toMatchObject({ status: 'submitted', statusLabel: '待受理', timeline: [{ type: 'submitted', label: '已提交' }], canRate: false });
    const wrong = await t.request({ method: 'GET', url: `/api/v1/public/opinions/${body.trackingCode}?verify=XXXXXX` });
    expect(wrong.statusCode).toBe(404);
  });

  it('verifies by the last four digits of the phone, keeps contact encrypted, and picks the station named in the text', async () => {
    const res = await submit({
      content: '塘下镇某小区楼下夜间施工噪音扰民，请协调处理。',
      contact: { name: '张三', phone: '13812345678', email: 'zhang@example.com' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).not.toHaveProperty('secret');
    const code = res.json().trackingCode as string;
    expect((await t.request({ method: 'GET', url: `/api/v1/public/opinions/${code.toLowerCase().replace(/-/g, ' ')}?verify=5678` })).statusCode).toBe(200);
    const stored = (await t.ctx.repos.cases.findByTrackingCode(code))!;
    expect(JSON.stringify(stored)).not.toContain('13812345678');
    expect(JSON.stringify(stored)).not.toContain('zhang@example.com');
    const unit = await t.ctx.repos.units.get(stored.unitId!);
    expect(unit.region).toBe('塘下镇');
    expect(stored.acceptDueAt).not.toBeNull();
  });

  it('counts 扫码提交 only for a QR entry: a web visit choosing a station or deputy is online', async () => {
    const stations = (await t.request({ method: 'GET', url: '/api/v1/public/units?kind=station' })).json().items as Array<{ id: string }>;
    const deputyId = (await t.request({ method: 'GET', url: `/api/v1/public/deputies?unitId=${stations[0].id}` })).json().items[0].id as string;
    const channelOf = async (payload: Record<string, unknown>) => {
      const res = await submit({ content: '小区门口的路灯坏了好几天，请尽快修复。', anonymous: true, ...payload });
      expect(res.statusCode, res.body).toBe(201);
      return (await t.ctx.repos.cases.findByTrackingCode(res.json().trackingCode))!.channel;
    };
    expect(await channelOf({ unitId: stations[0].id })).toBe('online');
    expect(await channelOf({ deputyId })).toBe('online');
    expect(await channelOf({ unitId: stations[0].id, via: 'web' })).toBe('online');
    expect(await channelOf({})).toBe('online');
    expect(await channelOf({ unitId: stations[0].id, via: 'qr' })).toBe('qr');
    expect(await channelOf({ deputyId, via: 'qr' })).toBe('qr');
    expect(errorCode(await submit({ content: '未知的来源标记不被接受。', anonymous: true, via: 'poster' }))).toBe('VALIDATION_FAILED');
  });

  it('a double tap with the same Idempotency-Key creates one case', async () => {
    const before = await caseCount();
    const body = { content: '同一个意见提交两次，应该只生成一件。', anonymous: true };
    const [a, b] = await Promise.all([submit(body, { 'idempotency-key': 'tap-1' }), submit(body, { 'idempotency-key': 'tap-1' })]);
    const ok = [a, b].filter((r) => r.statusCode === 201 || r.statusCode === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const again = await submit(body, { 'idempotency-key': 'tap-1' });
    expect(again.json().trackingCode).toBe(ok[0].json().trackingCode);
    expect(await caseCount()).toBe(before + 1);
    const other = await submit({ ...body, content: '换了内容但用同一个键。' }, { 'idempotency-key': 'tap-1' });
    expect(other.statusCode).toBe(409);
  });

  it('rejects invalid submissions with 4xx in the error shape and stores nothing', async () => {
    const before = await caseCount();
    const cases: Array<[unknown, number, string]> = [
      [{}, 400, 'content'],
      [{ content: '短' }, 400, 'content'],
      [{ content: 'x'.repeat(4001) }, 400, 'content'],
      [{ content: 12345 }, 400, 'content'],
      [{ content: '内容足够长的意见', kind: 'shout' }, 400, 'kind'],
      [{ content: '内容足够长的意见', categoryId: 'no-such-category' }, 400, 'categoryId'],
      [{ content: '内容足够长的意见', contact: { phone: 'call me maybe' } }, 400, 'contact.phone'],
      [{ content: '内容足够长的意见', attachmentIds: ['nope'] }, 422, 'attachmentIds'],
      [{ content: '内容足够长的意见', admin: true }, 400, 'admin'],
    ];
    for (const [payload, status, path] of cases) {
      const res = await submit(payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(status);
      expect(errorCode(res)).toBeTruthy();
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const malformed = await t.request({
      method: 'POST',
      url: '/api/v1/public/opinions',
      payload: '{"content":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(await caseCount()).toBe(before);
  });

  it('keeps a stored <script> payload as plain text', async () => {
    const payload = '<script>alert("x")</script> 路灯坏了请修理';
    const res = await submit({ content: payload, title: '<img src=x onerror=alert(1)>', anonymous: true });
    const track = await t.request({ method: 'GET', url: `/api/v1/public/opinions/${res.json().trackingCode}?verify=${res.json().secret}` });
    expect(track.headers['content-type']).toContain('application/json');
    expect(track.json().title).toBe('<img src=x onerror=alert(1)>');
    const stored = await t.ctx.repos.cases.findByTrackingCode(res.json().trackingCode);
    expect(stored?.content).toBe(payload);
  });

  it('answers enumeration of tracking codes with 404s and then 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const code = generateTrackingCode((n) => randomBytes(n));
      const res = await t.request({ method: 'GET', url: `/api/v1/public/opinions/${encodeURIComponent(code)}?verify=1234`, remoteAddress: '10.9.8.7' });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const res = await t.request({ method: 'GET', url: '/api/v1/public/opinions/AAAA-AAAA-AA?verify=1234', remoteAddress: '10.9.8.7' });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rejects a malformed tracking code with 400 before looking it up', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/public/opinions/HELLO?verify=1234' });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('TRACKING_CODE_INVALID');
  });

  describe('attachments', () => {
    it('recognises images by content and strips metadata including GPS', async () => {
      const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
        .jpeg()
        .withExif({ IFD0: { Copyright: 'owner-secret' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '27/1 46/1 0/1' } })
        .toBuffer();
      expect(jpeg.includes(Buffer.from('Exif'))).toBe(true);
      const up = await t.request({ method: 'POST', url: '/api/v1/public/attachments', ...multipart('file', 'photo.png', jpeg, 'image/png') });
      expect(up.statusCode).toBe(201);
      expect(up.json()).toMatchObject({ mime: 'image/jpeg', width: 64, height: 48 });
      const record = (await t.ctx.repos.attachments.find(up.json().id))!;
      const chunks: Buffer[] = [];
      for await (const chunk of t.ctx.files.open(record.sha256)) chunks.push(chunk as Buffer);
      const stored = Buffer.concat(chunks);
      expect(stored.includes(Buffer.from('Exif'))).toBe(false);
      expect(stored.includes(Buffer.from('owner-secret'))).toBe(false);

      // The upload started this client's upload session; the submission brings it back.
      const uploadCookie = up.cookies.find((c) => c.name === 'lx_upload')!;
      expect(uploadCookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/public' });
      const session = { cookie: `lx_upload=${uploadCookie.value}` };
      const res = await submit({ content: '附照片：路面塌陷需要修复。', anonymous: true, attachmentIds: [up.json().id] }, session);
      expect(res.statusCode).toBe(201);
      const track = await t.request({ method: 'GET', url: `/api/v1/public/opinions/${res.json().trackingCode}?verify=${res.json().secret}` });
      expect(track.json().attachments).toEqual([{ id: up.json().id, mime: 'image/jpeg' }]);
      const file = await t.request({
        method: 'GET',
        url: `/api/v1/public/opinions/${res.json().trackingCode}/attachments/${up.json().id}?verify=${res.json().secret}`,
      });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/jpeg');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['content-security-policy']).toContain('sandbox');
      const reuse = await submit({ content: '同一个附件不能用两次。', anonymous: true, attachmentIds: [up.json().id] }, session);
      expect(reuse.statusCode).toBe(422);
    });

    it('refuses fake images, oversized files and malformed multipart', async () => {
      const fake = await t.request({
        method: 'POST',
        url: '/api/v1/public/attachments',
        ...multipart('file', 'evil.jpg', Buffer.from('<?php echo 1; ?> not an image'), 'image/jpeg'),
      });
      expect(fake.statusCode).toBe(415);
      expect(errorCode(fake)).toBe('MEDIA_TYPE_UNSUPPORTED');
      const truncated = await t.request({
        method: 'POST',
        url: '/api/v1/public/attachments',
        ...multipart('file', 'broken.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 1, 2, 3]), 'image/jpeg'),
      });
      expect(truncated.statusCode).toBe(415);
      const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(t.ctx.config.uploadMaxBytes + 10, 32)]);
      const tooLarge = await t.request({ method: 'POST', url: '/api/v1/public/attachments', ...multipart('file', 'big.pdf', big, 'application/pdf') });
      expect(tooLarge.statusCode).toBe(413);
      expect(errorCode(tooLarge)).toBe('PAYLOAD_TOO_LARGE');
      const broken = await t.request({
        method: 'POST',
        url: '/api/v1/public/attachments',
        payload: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
      });
      expect([400, 415]).toContain(broken.statusCode);
      expect(errorCode(broken)).toBeTruthy();
      const notMultipart = await t.request({ method: 'POST', url: '/api/v1/public/attachments', payload: { file: 'x' } });
      expect(notMultipart.statusCode).toBe(415);
      const pdf = await t.request({
        method: 'POST',
        url: '/api/v1/public/attachments',
        ...multipart('file', 'a.pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')),
      });
      expect(pdf.statusCode).toBe(201);
      expect(pdf.json().mime).toBe('application/pdf');
    });
  });

  it('lets staff record a phone opinion, keeping reporter apart from who entered it', async () => {
    const staff = await t.login('staff-anyang');
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/cases',
      session: staff,
      payload: { channel: 'phone', content: '来电反映：小区电梯经常故障，存在安全隐患。', reporter: { name: '李四', phone: '13900001111' }, kind: 'complaint' },
    });
    expect(res.statusCode).toBe(201);
    const detail = res.json();
    expect(detail.case).toMatchObject({ channel: 'phone', status: 'submitted', reporter: { name: '李*', phone: '139****1111' } });
    expect(detail.allowedActions).toEqual(expect.arrayContaining(['accept', 'reject']));
    const stored = await t.ctx.repos.cases.get(detail.case.id);
    expect(stored.enteredBy).toBe(staff.user.id);
    expect(t.ctx.cipher.decrypt(stored.reporterNameEnc)).toBe('李四');
    const unit = await t.ctx.repos.units.get(stored.unitId!);
    expect(unit.region).toBe('安阳街道');
    // Timelines (and the printed 办理单) name the person and their unit, never the login id.
    expect(detail.events[0]).toMatchObject({ type: 'submitted', actorKind: 'user', actorName: `安阳街道联络员（${unit.name}）` });
    expect(JSON.stringify(detail.events)).not.toContain('staff-anyang');
    const reveal = await t.request({ method: 'POST', url: `/api/v1/cases/${detail.case.id}/reveal-contact`, session: staff });
    expect(reveal.json().reporter.phone).toBe('13900001111');
    const audit = await t.ctx.repos.audit.list({ action: 'case.contact.reveal', entityId: detail.case.id });
    expect(audit.total).toBe(1);
    const foreign = await t.login('staff-tangxia');
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${detail.case.id}`, session: foreign })).statusCode).toBe(404);
  });

  it('starts the accept clock of a back-dated walk-in at its received time, not at entry', async () => {
    const staff = await t.login('staff-anyang');
    const now = t.clock.now();
    const receivedAt = new Date(now.getTime() - 6 * 86_400_000).toISOString();
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/cases',
      session: staff,
      payload: { channel: 'walk_in', content: '上周来站反映：小区门口排水沟堵塞，雨天积水。', receivedAt, kind: 'help' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const stored = await t.ctx.repos.cases.get(res.json().case.id);
    const calendar = await t.ctx.calendars.current();
    const { acceptWorkdays } = await t.ctx.calendars.workflowSettings();
    expect(stored.createdAt).toBe(receivedAt);
    expect(stored.acceptDueAt).toBe(calendar.addWorkdays(receivedAt, acceptWorkdays ?? 1));
    // Six days later it is already overdue, in the station's overdue worklist.
    expect(new Date(stored.acceptDueAt!).getTime()).toBeLessThan(now.getTime());
    const overdue = (await t.request({ method: 'GET', url: '/api/v1/cases?worklist=overdue&pageSize=200', session: staff })).json();
    expect(overdue.items.map((c: { id: string }) => c.id)).toContain(stored.id);
    // The event is dated when it was recorded and says when the opinion came in.
    const [submitted] = await t.ctx.repos.cases.events(stored.id);
    expect(submitted).toMatchObject({ at: now.toISOString(), payload: expect.objectContaining({ receivedAt }) });
  });
});

describe('proof-of-work challenge (sqlite)', () => {
  it('requires a solved, fresh challenge when switched on; a plain client can solve it', async () => {
    const t = await createTestApp('sqlite', { powDifficulty: 8 });
    try {
      const missing = await t.request({ method: 'POST', url: '/api/v1/public/opinions', payload: { content: '没有解题的提交应被拒绝。' } });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.details[0].path).toBe('challenge');
      const challenge = (await t.request({ method: 'GET', url: '/api/v1/public/challenge' })).json();
      expect(challenge).toMatchObject({ enabled: true, difficulty: 8 });
      const nonce = solveChallenge(challenge.token, challenge.difficulty);
      const ok = await t.request({
        method: 'POST',
        url: '/api/v1/public/opinions',
        payload: { content: '解题后的提交应被接受。', anonymous: true, challenge: { token: challenge.token, nonce } },
      });
      expect(ok.statusCode).toBe(201);
      const reused = await t.request({
        method: 'POST',
        url: '/api/v1/public/opinions',
        payload: { content: '同一个解不能再用。', anonymous: true, challenge: { token: challenge.token, nonce } },
      });
      expect(reused.json().error.details[0].code).toBe('reused');
    } finally {
      await t.close();
    }
  });
});
