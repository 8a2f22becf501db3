/**
 * Issue #15 ("Trust before rollout"), the security items of its first part, on both databases:
 * uploads are attached only by whoever uploaded them (item 1), the receipt's similar opinions
 * carry no tracking codes and guessing a verify code never locks the owner out (item 4, the
 * receipt itself in text-intelligence.test.ts), merge and convert name only visible records
 * (item 5), identical uploads at once all succeed (item 6), and item 9: receptions by scope,
 * the login lockout and the guess limits exact under parallel requests, bookings limited per
 * address and per phone. The access matrix (access-matrix.test.ts) sweeps every route.
 */
import { testDialects } from '@lianxin/storage/testing';
import { sql, type Kysely } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pgOwners from '../../../packages/storage/src/migrations/postgres/0020_attachment_owners';
import * as sqliteOwners from '../../../packages/storage/src/migrations/sqlite/0020_attachment_owners';
import { createTestApp, DEMO_PASSWORD, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

function multipart(bytes: Buffer, fileName: string, type: string) {
  const boundary = 'trust-boundary';
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(dialects)('trust before rollout (issue #15) on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let staffA: Session;
  let staffB: Session;
  let dept: Session;
  let deputy: Session;
  let office: Session;
  let png: Buffer;
  let photo = 0;

  /** A fresh PNG each time (identical bytes are stored once, but each upload is its own attachment). */
  const image = () =>
    sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 10, g: 20, b: (photo++ * 7) % 256 } } })
      .png()
      .toBuffer();

  /** A staff upload: its id. */
  async function staffUpload(session: Session, bytes: Buffer = PDF, name = 'evidence.pdf'): Promise<string> {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/attachments',
      session,
      ...multipart(bytes, name, name.endsWith('.pdf') ? 'application/pdf' : 'image/png'),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  }

  /** A citizen upload: its id and the upload session cookie to send back. */
  async function citizenUpload(cookie?: string): Promise<{ id: string; cookie: string }> {
    const upload = multipart(await image(), 'photo.png', 'image/png');
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/public/attachments',
      ...upload,
      headers: { ...upload.headers, ...(cookie ? { cookie } : {}) },
    });
    expect(res.statusCode, res.body).toBe(201);
    const set = res.cookies.find((c) => c.name === 'lx_upload');
    return { id: res.json<{ id: string }>().id, cookie: set ? `lx_upload=${set.value}` : cookie! };
  }

  const submit = (payload: Record<string, unknown>, cookie?: string, remoteAddress?: string) =>
    t.request({ method: 'POST', url: '/api/v1/public/opinions', payload, headers: cookie ? { cookie } : {}, ...(remoteAddress ? { remoteAddress } : {}) });

  async function opinion(content: string, extra: Record<string, unknown> = {}): Promise<{ id: string; code: string; verify: string }> {
    const res = await submit({ content, contact: { phone: '13700001234' }, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    const code = res.json<{ trackingCode: string }>().trackingCode;
    return { id: (await t.ctx.repos.cases.findByTrackingCode(code))!.id, code, verify: '1234' };
  }

  async function act(session: Session, caseId: string, action: string, body: Record<string, unknown> = {}) {
    const version = (await t.ctx.repos.cases.find(caseId))!.version;
    return t.request({ method: 'POST', url: `/api/v1/cases/${caseId}/actions/${action}`, session, payload: { expectedVersion: version, ...body } });
  }

  async function ok(res: Promise<{ statusCode: number; body: string }>) {
    const done = await res;
    expect(done.statusCode, done.body).toBe(200);
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    [admin, staffA, staffB, dept, deputy, office] = await Promise.all(
      ['admin', 'staff-anyang', 'staff-tangxia', 'dept-zhujian', 'deputy-demo', 'supervisor'].map((u) => t.login(u)),
    );
    png = await image();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('item 1: an upload is attached only by whoever uploaded it', () => {
    it('a department’s pending reply evidence cannot be taken by a citizen, by staff intake or by another reply; its uploader keeps it', async () => {
      const evidence = await staffUpload(dept);
      // A citizen names it in a submission (with or without an upload session of their own).
      const stranger = await citizenUpload();
      for (const cookie of [undefined, stranger.cookie]) {
        const res = await submit({ content: '塘下镇路灯坏了，请尽快修理。', anonymous: true, attachmentIds: [evidence] }, cookie);
        expect([res.statusCode, errorCode(res)]).toEqual([422, 'REFERENCE_INVALID']);
      }
      // Station staff name it when recording a walk-in opinion.
      const walkIn = await t.request({
        method: 'POST',
        url: '/api/v1/cases',
        session: staffA,
        payload: { channel: 'visit', content: '来访群众反映小区门口积水。', attachmentIds: [evidence] },
      });
      expect([walkIn.statusCode, errorCode(walkIn)]).toEqual([422, 'REFERENCE_INVALID']);
      // Another account (here an admin) names it in a reply.
      const mine = await opinion('安阳街道菜市场门口积水严重，请处理。');
      await ok(act(admin, mine.id, 'accept'));
      await ok(act(admin, mine.id, 'assign', { departmentId: dept.user.scope.departmentId }));
      await ok(act(dept, mine.id, 'sign'));
      const version = (await t.ctx.repos.cases.find(mine.id))!.version;
      const byAdmin = await act(admin, mine.id, 'reply', { content: '已安排疏通，三日内完成。', attachmentIds: [evidence] });
      expect([byAdmin.statusCode, errorCode(byAdmin)]).toEqual([422, 'REFERENCE_INVALID']);
      expect((await t.ctx.repos.cases.find(mine.id))!.version).toBe(version);
      // Nothing was linked: the uploader still reads their file and replies with it.
      expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${evidence}`, session: dept })).statusCode).toBe(200);
      await ok(act(dept, mine.id, 'reply', { content: '已安排疏通，三日内完成。', attachmentIds: [evidence] }));
      expect((await t.ctx.repos.attachments.find(evidence))!.caseId).toBe(mine.id);
    });

    it('a citizen’s uploads join only a submission that brings the same upload session', async () => {
      const first = await citizenUpload();
      // The session is kept across uploads of the same browser.
      const second = await citizenUpload(first.cookie);
      expect(second.cookie).toBe(first.cookie);
      const someoneElse = await citizenUpload();
      const foreign = await submit({ content: '塘下镇路灯坏了很久。', anonymous: true, attachmentIds: [first.id] }, someoneElse.cookie);
      expect([foreign.statusCode, errorCode(foreign)]).toEqual([422, 'REFERENCE_INVALID']);
      expect((await submit({ content: '塘下镇路灯坏了很久。', anonymous: true, attachmentIds: [first.id] })).statusCode).toBe(422);
      const own = await submit({ content: '塘下镇路灯坏了很久。', anonymous: true, attachmentIds: [first.id, second.id] }, first.cookie);
      expect(own.statusCode, own.body).toBe(201);
      const { trackingCode, secret } = own.json<{ trackingCode: string; secret: string }>();
      const track = await t.request({ method: 'GET', url: `/api/v1/public/opinions/${trackingCode}?verify=${secret}` });
      expect(
        track
          .json<{ attachments: Array<{ id: string }> }>()
          .attachments.map((a) => a.id)
          .sort(),
      ).toEqual([first.id, second.id].sort());
      // Once linked, not even its own session can use it again.
      expect((await submit({ content: '再次提交同一张照片。', anonymous: true, attachmentIds: [first.id] }, first.cookie)).statusCode).toBe(422);
    });

    it('activity photos and issue evidence are never attached elsewhere, and the orphan sweep keeps them', async () => {
      // An activity's photo (塘下 staff), named by the same account and by others in a reply, an activity and a submission.
      const activityPhoto = await staffUpload(staffB, png, 'photo.png');
      const activity = await t.request({
        method: 'POST',
        url: '/api/v1/activities',
        session: staffB,
        payload: { unitId: staffB.user.scope.unitId, kind: 'research', title: '塘下调研', date: '2026-03-01', deputyIds: [], photoIds: [activityPhoto] },
      });
      expect(activity.statusCode, activity.body).toBe(201);
      const own = await t.request({
        method: 'POST',
        url: '/api/v1/cases',
        session: staffB,
        payload: { channel: 'visit', content: '来访群众反映道路破损。', attachmentIds: [activityPhoto] },
      });
      expect([own.statusCode, errorCode(own)]).toEqual([422, 'REFERENCE_INVALID']);
      // Someone else's fresh upload is no activity photo either.
      const foreignPhoto = await staffUpload(staffA, await image(), 'photo.png');
      const borrowed = await t.request({
        method: 'POST',
        url: '/api/v1/activities',
        session: staffB,
        payload: {
          unitId: staffB.user.scope.unitId,
          kind: 'research',
          title: '借用照片',
          date: '2026-03-01',
          deputyIds: [],
          photoIds: [foreignPhoto, activityPhoto],
        },
      });
      expect(borrowed.statusCode).toBe(400);
      expect(borrowed.json<{ error: { details: Array<{ path: string }> } }>().error.details.map((d) => d.path)).toEqual(['photoIds.0', 'photoIds.1']);

      // Issue evidence: a key suggestion with an item assigned to 住建局, closed with the department's file.
      const proposalAct = async (session: Session, id: string, action: string, body: Record<string, unknown> = {}) => {
        const current = (await t.request({ method: 'GET', url: `/api/v1/suggestions/${id}`, session })).json();
        await ok(
          t.request({
            method: 'POST',
            url: `/api/v1/suggestions/${id}/actions/${action}`,
            session,
            payload: { expectedVersion: current.proposal.version, ...body },
          }),
        );
      };
      const proposalId = (
        await t.request({
          method: 'POST',
          url: '/api/v1/suggestions',
          session: deputy,
          payload: { type: 'suggestion', title: '关于老旧小区改造的建议', body: '建议加快老旧小区改造。' },
        })
      ).json().proposal.id as string;
      await proposalAct(deputy, proposalId, 'submit');
      await proposalAct(office, proposalId, 'register');
      await proposalAct(office, proposalId, 'assign', { leadUnitId: dept.user.scope.departmentId });
      await proposalAct(office, proposalId, 'designate_key', { leader: '王副市长' });
      const issueId = (
        await t.request({
          method: 'POST',
          url: `/api/v1/suggestions/${proposalId}/issues`,
          session: office,
          payload: { title: '完成设计方案', dueDate: '2026-03-20', departmentId: dept.user.scope.departmentId },
        })
      ).json().id as string;
      const close = (attachmentIds: string[], id = issueId) =>
        t.request({ method: 'POST', url: `/api/v1/issues/${id}/close`, session: dept, payload: { expectedVersion: 1, evidence: '方案已批复', attachmentIds } });
      // An activity's photo is no evidence (even for its uploader, here not the closer anyway).
      expect(errorCode(await close([activityPhoto]))).toBe('REFERENCE_INVALID');
      const evidence = await staffUpload(dept);
      expect((await close([evidence])).statusCode).toBe(200);
      expect((await t.ctx.repos.attachments.find(evidence))!.issueId).toBe(issueId);
      // The closer cannot reuse the evidence in a reply, nor for another item.
      const mine = await opinion('安阳街道小区楼道灯不亮，请修理。');
      await ok(act(admin, mine.id, 'accept'));
      await ok(act(admin, mine.id, 'assign', { departmentId: dept.user.scope.departmentId }));
      await ok(act(dept, mine.id, 'sign'));
      const reused = await act(dept, mine.id, 'reply', { content: '已修复楼道灯。', attachmentIds: [evidence] });
      expect([reused.statusCode, errorCode(reused)]).toEqual([422, 'REFERENCE_INVALID']);
      const secondIssue = (
        await t.request({
          method: 'POST',
          url: `/api/v1/suggestions/${proposalId}/issues`,
          session: office,
          payload: { title: '落实资金', dueDate: '2026-03-25', departmentId: dept.user.scope.departmentId },
        })
      ).json().id as string;
      expect(errorCode(await close([evidence], secondIssue))).toBe('REFERENCE_INVALID');
      // The photo and the evidence are in use: the orphan sweep leaves them.
      const orphans = (await t.ctx.repos.attachments.orphansBefore('2100-01-01T00:00:00.000Z')).map((a) => a.id);
      expect(orphans).not.toContain(activityPhoto);
      expect(orphans).not.toContain(evidence);
      expect(orphans).toContain(foreignPhoto);
      // Evidence stored before migration 0020 is marked by it.
      await sql`UPDATE attachments SET issue_id = NULL`.execute(t.storage.db);
      await (dialect === 'postgres' ? pgOwners : sqliteOwners).markIssueEvidence(t.storage.db as unknown as Kysely<unknown>);
      expect((await t.ctx.repos.attachments.find(evidence))!.issueId).toBe(issueId);
      expect((await t.ctx.repos.attachments.find(activityPhoto))!.issueId).toBeNull();
    });
  });

  describe('item 4: guessing a verify code', () => {
    it('a stranger’s guesses never lock the owner out, and one address gets exactly 10 guesses at a code even in parallel', async () => {
      const target = await opinion('安阳街道路边停车收费不规范，请核查。');
      const guess = (verify: string, remoteAddress: string) =>
        t.request({ method: 'GET', url: `/api/v1/public/opinions/${target.code}?verify=${verify}`, remoteAddress });
      // 30 wrong guesses at once from one address: exactly 10 are checked (404), the rest refused (429).
      const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => guess(String(5000 + i), '10.9.0.1')));
      const statuses = burst.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 404)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(20);
      expect(errorCode(burst.find((r) => r.statusCode === 429)!)).toBe('RATE_LIMITED');
      // The guessing address is stopped even with the right code; the owner's phone is not.
      expect((await guess(target.verify, '10.9.0.1')).statusCode).toBe(429);
      expect((await guess(target.verify, '10.9.1.1')).statusCode).toBe(200);
      // The owner's right answers do not use up their own allowance.
      for (let i = 0; i < 12; i++) expect((await guess(target.verify, '10.9.1.1')).statusCode).toBe(200);
    });
  });

  describe('item 5: merge and convert', () => {
    it('name only records the caller may see; missing and invisible answer the same 404, and nothing is stored', async () => {
      const own = await opinion('安阳街道万松路路灯不亮，晚上很黑。', { unitId: staffA.user.scope.unitId });
      const foreign = await opinion('塘下镇菜市场门口积水严重。', { unitId: staffB.user.scope.unitId });
      const missing = '01900000-0000-7000-8000-000000000000';
      const version = (await t.ctx.repos.cases.find(own.id))!.version;
      for (const intoCaseId of [foreign.id, missing]) {
        const res = await act(staffA, own.id, 'merge', { intoCaseId });
        expect([res.statusCode, errorCode(res)]).toEqual([404, 'RESOURCE_NOT_FOUND']);
      }
      expect((await t.ctx.repos.cases.find(own.id))!).toMatchObject({ version, status: 'submitted', mergedInto: null });
      // A visible case is fine.
      const sibling = await opinion('安阳街道万松路两盏路灯不亮。', { unitId: staffA.user.scope.unitId });
      await ok(act(staffA, sibling.id, 'merge', { intoCaseId: own.id }));

      // Convert: a suggestion that does not exist, and a draft of a deputy the station does not serve.
      await ok(act(staffA, own.id, 'accept'));
      const draft = (
        await t.request({
          method: 'POST',
          url: '/api/v1/suggestions',
          session: deputy,
          payload: { type: 'suggestion', title: '尚未提交的建议草稿', body: '草稿内容。' },
        })
      ).json().proposal.id as string;
      expect((await t.request({ method: 'GET', url: `/api/v1/suggestions/${draft}`, session: staffB })).statusCode).toBe(404);
      const foreignAccepted = await opinion('塘下镇道路破损需要修补。', { unitId: staffB.user.scope.unitId });
      await ok(act(staffB, foreignAccepted.id, 'accept'));
      const before = (await t.ctx.repos.cases.find(foreignAccepted.id))!.version;
      for (const suggestionId of [missing, draft]) {
        const res = await act(staffB, foreignAccepted.id, 'convert', { suggestionId });
        expect([res.statusCode, errorCode(res)]).toEqual([404, 'RESOURCE_NOT_FOUND']);
      }
      expect((await t.ctx.repos.cases.find(foreignAccepted.id))!).toMatchObject({ version: before, status: 'accepted', suggestionId: null });
      // Its author's own station (安阳, where the demo deputy serves) may name it.
      expect((await t.request({ method: 'GET', url: `/api/v1/suggestions/${draft}`, session: staffA })).statusCode).toBe(200);
      await ok(act(staffA, own.id, 'convert', { suggestionId: draft }));
      expect((await t.ctx.repos.cases.find(own.id))!).toMatchObject({ status: 'converted', suggestionId: draft });
    });
  });

  describe('item 6: identical uploads at the same moment', () => {
    it('all succeed, citizen and staff alike', async () => {
      const same = await image();
      const answers = await Promise.all([
        ...Array.from({ length: 6 }, () => t.request({ method: 'POST', url: '/api/v1/public/attachments', ...multipart(same, 'same.png', 'image/png') })),
        ...Array.from({ length: 6 }, () =>
          t.request({ method: 'POST', url: '/api/v1/attachments', session: staffA, ...multipart(same, 'same.png', 'image/png') }),
        ),
      ]);
      expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 201));
      const ids = answers.map((a) => a.json<{ id: string }>().id);
      expect(new Set(ids).size).toBe(12);
      const hashes = new Set((await t.ctx.repos.attachments.findMany(ids)).map((a) => a.sha256));
      expect(hashes.size).toBe(1);
      expect(t.ctx.files.has([...hashes][0])).toBe(true);
    });
  });

  describe('item 9', () => {
    /** A one-off reception (by admin) with the given deputies; its id. */
    async function reception(unitId: string, deputyIds: string[], date: string, capacity = 10): Promise<string> {
      const rule = await t.request({
        method: 'POST',
        url: '/api/v1/reception-rules',
        session: admin,
        payload: { unitId, kind: 'once', date, startTime: '19:00', endTime: '20:30', capacity, deputyIds, validFrom: date },
      });
      expect(rule.statusCode, rule.body).toBe(201);
      const list = await t.request({ method: 'GET', url: `/api/v1/receptions?from=${date}&to=${date}&unitId=${unitId}`, session: admin });
      return list.json<{ items: Array<{ id: string; startTime: string }> }>().items.find((r) => r.startTime === '19:00')!.id;
    }

    const book = (id: string, phone: string, remoteAddress = '10.7.0.1') =>
      t.request({ method: 'POST', url: `/api/v1/public/receptions/${id}/bookings`, payload: { phone, name: '张三' }, remoteAddress });

    it('department and deputy accounts read only the receptions and bookings that are theirs', async () => {
      const deputies = (await t.request({ method: 'GET', url: `/api/v1/deputies?pageSize=100&unitId=${staffB.user.scope.unitId}`, session: admin })).json<{
        items: Array<{ id: string }>;
      }>().items;
      const tangxia = await reception(staffB.user.scope.unitId!, [deputies[0].id], '2026-03-04');
      const anyang = await reception(staffA.user.scope.unitId!, [deputy.user.scope.deputyId!], '2026-03-05');
      expect((await book(tangxia, '13911112222', '10.7.9.1')).statusCode).toBe(201);
      expect((await book(anyang, '13911113333', '10.7.9.2')).statusCode).toBe(201);
      const read = (session: Session, id: string) => t.request({ method: 'GET', url: `/api/v1/receptions/${id}`, session });
      for (const session of [dept, deputy, staffA]) {
        const res = await read(session, tangxia);
        expect([res.statusCode, errorCode(res)], session.user.username).toEqual([404, 'RESOURCE_NOT_FOUND']);
      }
      expect((await read(dept, anyang)).statusCode).toBe(404);
      // The deputy on duty sees the people who booked (masked); the station's staff too.
      const onDuty = await read(deputy, anyang);
      expect(onDuty.statusCode).toBe(200);
      expect(onDuty.json<{ bookings: Array<{ phone: string }> }>().bookings).toEqual([expect.objectContaining({ phone: '139****3333' })]);
      expect((await read(staffB, tangxia)).statusCode).toBe(200);
      // Lists: the deputy sees their own receptions, the department none; refused actions stay 404.
      const list = async (session: Session) =>
        (await t.request({ method: 'GET', url: '/api/v1/receptions?from=2026-03-01&to=2026-03-15', session }))
          .json<{ items: Array<{ id: string }> }>()
          .items.map((r) => r.id);
      expect(await list(dept)).toEqual([]);
      const deputyList = await list(deputy);
      expect(deputyList).toContain(anyang);
      expect(deputyList).not.toContain(tangxia);
      expect(await list(staffB)).toContain(tangxia);
      const rules = async (session: Session) =>
        (await t.request({ method: 'GET', url: '/api/v1/reception-rules', session })).json<{ items: unknown[] }>().items;
      expect(await rules(dept)).toEqual([]);
      expect((await rules(deputy)).every((r) => (r as { deputyIds: string[] }).deputyIds.includes(deputy.user.scope.deputyId!))).toBe(true);
      const cancel = await t.request({ method: 'POST', url: `/api/v1/receptions/${tangxia}/cancel`, session: dept, payload: { reason: '越权取消' } });
      expect(cancel.statusCode).toBe(404);
      // An opinion recorded at a reception names one the recorder may see.
      const heard = (session: Session) =>
        t.request({ method: 'POST', url: '/api/v1/cases', session, payload: { channel: 'visit', content: '接待时群众反映道路积水。', receptionId: tangxia } });
      const elsewhere = await heard(staffA);
      expect([elsewhere.statusCode, errorCode(elsewhere)]).toEqual([404, 'RESOURCE_NOT_FOUND']);
      expect((await heard(staffB)).statusCode).toBe(201);
      // Activities are the stations' records too: a department account reads none, a deputy those they took part in.
      const activities = (await t.request({ method: 'GET', url: '/api/v1/activities?pageSize=100', session: admin })).json<{
        items: Array<{ id: string; deputyIds: string[] }>;
      }>().items;
      const notTheirs = activities.find((a) => !a.deputyIds.includes(deputy.user.scope.deputyId!))!;
      for (const session of [dept, deputy])
        expect((await t.request({ method: 'GET', url: `/api/v1/activities/${notTheirs.id}`, session })).statusCode).toBe(404);
      expect((await t.request({ method: 'GET', url: '/api/v1/activities', session: dept })).json<{ total: number }>().total).toBe(0);
    });

    it('a burst of parallel sign-ins gets at most the allowed number of passwords checked (the lockout cannot be raced)', async () => {
      const max = t.ctx.config.loginMaxFailures;
      const user = (await t.ctx.repos.users.findByUsername('staff-tangxia'))!;
      const attempts = await Promise.all(
        Array.from({ length: 15 }, (_, i) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            remoteAddress: `10.8.0.${i + 1}`,
            payload: { username: 'staff-tangxia', password: i === 14 ? DEMO_PASSWORD : `wrong-${i}` },
          }),
        ),
      );
      const statuses = attempts.map((a) => a.statusCode);
      const failures = await t.storage.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'auth.login_failed')
        .where('entity_id', '=', user.id)
        .executeTakeFirstOrThrow();
      // Every checked wrong password is audited: never more than the limit, however many came at once.
      expect(Number(failures.n)).toBeLessThanOrEqual(max);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(max - 1);
      // Whatever else happened, the account is locked now (a wrong password got the last allowed check) or the right one got in first.
      if (!statuses.includes(200)) {
        expect(Number(failures.n)).toBe(max);
        const right = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '10.8.1.1',
          payload: { username: 'staff-tangxia', password: DEMO_PASSWORD },
        });
        expect([right.statusCode, errorCode(right)]).toEqual([423, 'AUTH_ACCOUNT_LOCKED']);
      }
      await t.ctx.repos.users.recordLoginSuccess(user.id, t.clock.now().toISOString());
    });

    it('one address cannot book out a reception with made-up numbers, even in parallel; one phone holds at most 3 upcoming places', async () => {
      const id = await reception(staffB.user.scope.unitId!, [deputy.user.scope.deputyId!], '2026-03-06', 10);
      const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => book(id, `1350000${String(1000 + i)}`, '10.7.1.1')));
      const statuses = burst.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 201)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(5);
      expect(errorCode(burst.find((r) => r.statusCode === 429)!)).toBe('RATE_LIMITED');
      const staffView = await t.request({ method: 'GET', url: `/api/v1/receptions/${id}`, session: staffB });
      expect(staffView.json<{ booked: number; bookings: unknown[] }>()).toMatchObject({
        booked: 3,
        bookings: [expect.anything(), expect.anything(), expect.anything()],
      });
      // Other addresses still get places.
      expect((await book(id, '13500002000', '10.7.1.2')).statusCode).toBe(201);
      // A cancelled place no longer counts for its address.
      const first = burst.find((r) => r.statusCode === 201)!.json<{ bookingCode: string }>().bookingCode;
      const holder = (await t.ctx.repos.receptions.findBookingByCode(first))!;
      const digits = t.ctx.cipher.decrypt(holder.phoneEnc)!.slice(-4);
      expect(
        (await t.request({ method: 'POST', url: `/api/v1/public/bookings/${first}/cancel`, payload: { verify: digits }, remoteAddress: '10.7.1.1' }))
          .statusCode,
      ).toBe(204);
      expect((await book(id, '13500003000', '10.7.1.1')).statusCode).toBe(201);
      // One phone: three upcoming places at three receptions, not a fourth.
      const more = await Promise.all(
        ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12'].map((d) => reception(staffB.user.scope.unitId!, [deputy.user.scope.deputyId!], d)),
      );
      const one = await Promise.all(more.slice(0, 3).map((r, i) => book(r, '13600009999', `10.7.2.${i + 1}`)));
      expect(one.map((r) => r.statusCode)).toEqual([201, 201, 201]);
      const fourth = await book(more[3], '13600009999', '10.7.2.9');
      expect([fourth.statusCode, errorCode(fourth)]).toEqual([429, 'RATE_LIMITED']);
      expect(fourth.json<{ error: { details: Array<{ path: string }> } }>().error.details).toEqual([expect.objectContaining({ path: 'phone' })]);
    });
  });
});
