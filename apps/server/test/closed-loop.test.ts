/**
 * The closed loop end to end over the API on both databases (issue #4): submit → accept
 * and assign to 市住房和城乡建设局 → sign and reply → 不满意 reopens → reply again →
 * 满意 closes; the tracking page and the console show the same timeline; the emails
 * arrive at a real SMTP server; the event chain verifies; twenty concurrent conflicting
 * actions leave one winner.
 */
import { verifyChain } from '@lianxin/core';
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashedFields } from '../src/cases/case-store';
import { createWorker, type Worker } from '../src/worker';
import { startSmtpReceiver, subjectOf } from './smtp-receiver';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

describe.each(dialects)('closed loop on %s', (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let worker: Worker;
  let staff: Session;
  let dept: Session;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await createTestApp(dialect, { smtpUrl: smtp.url });
    worker = createWorker(t.ctx, () => {}, { schedules: false });
    staff = await t.login('staff-anyang');
    dept = await t.login('dept-zhujian');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const act = async (session: Session, id: string, action: string, body: Record<string, unknown>) => {
    const current = (await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, session })).json();
    return t.request({ method: 'POST', url: `/api/v1/cases/${id}/actions/${action}`, session, payload: { expectedVersion: current.case.version, ...body } });
  };

  it('runs from submission to 满意 through one 不满意, with emails and one timeline', async () => {
    const submitted = await t.request({
      method: 'POST',
      url: '/api/v1/public/opinions',
      payload: {
        content: '安阳街道某小区外墙瓷砖脱落，存在安全隐患，请尽快处理。',
        kind: 'help',
        contact: { phone: '13700001234', email: 'citizen@example.com' },
      },
    });
    expect(submitted.statusCode).toBe(201);
    const code = submitted.json().trackingCode as string;
    const caseId = (await t.ctx.repos.cases.findByTrackingCode(code))!.id;
    const departments = (await t.request({ method: 'GET', url: '/api/v1/departments?q=住房和城乡建设', session: staff })).json();
    const zhujian = departments.items[0].id as string;

    expect((await act(staff, caseId, 'accept', {})).statusCode).toBe(200);
    const assigned = await act(staff, caseId, 'assign', { departmentId: zhujian });
    expect(assigned.json().case).toMatchObject({ status: 'assigned', departmentId: zhujian });
    expect((await t.request({ method: 'GET', url: '/api/v1/cases?worklist=to_sign', session: dept })).json().items.map((c: { id: string }) => c.id)).toContain(
      caseId,
    );
    expect((await act(dept, caseId, 'sign', {})).json().case.status).toBe('in_progress');
    const replied = await act(dept, caseId, 'reply', { content: '已安排施工队于3个工作日内清理脱落瓷砖并加固，联系人：王工 0577-65801234。' });
    expect(replied.json().case.status).toBe('replied');

    const verify = '1234';
    const rate = (rating: string) =>
      t.request({
        method: 'POST',
        url: `/api/v1/public/opinions/${code}/rating`,
        payload: { verify, rating, comment: rating === 'unsatisfied' ? '瓷砖仍未清理' : '已处理好' },
      });
    const unhappy = await rate('unsatisfied');
    expect(unhappy.statusCode).toBe(200);
    const afterUnhappy = (await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, session: dept })).json();
    // 重办: back with the department that signed for it, in its hands at once (no second 签收),
    // and the citizen's comment is there for the reply.
    expect(afterUnhappy.case).toMatchObject({
      status: 'in_progress',
      departmentId: zhujian,
      reopenCount: 1,
      rating: 'unsatisfied',
      ratingComment: '瓷砖仍未清理',
    });
    expect(afterUnhappy.allowedActions).toContain('reply');
    expect(afterUnhappy.allowedActions).not.toContain('sign');
    expect(afterUnhappy.events.at(-1)).toMatchObject({ type: 'sign', actorKind: 'system', fromStatus: 'assigned', toStatus: 'in_progress' });
    expect((await act(dept, caseId, 'reply', { content: '瓷砖已全部清理并完成加固，现场照片已存档。' })).statusCode).toBe(200);
    const happy = await rate('satisfied');
    expect(happy.json()).toMatchObject({ status: 'closed', rating: { rating: 'satisfied' }, canRate: false });
    expect((await rate('satisfied')).statusCode).toBe(422);

    const tracking = (await t.request({ method: 'GET', url: `/api/v1/public/opinions/${code}?verify=${verify}` })).json();
    const consoleView = (await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, session: staff })).json();
    const publicFromConsole = consoleView.events.filter((e: { public: boolean }) => e.public).map((e: { type: string; at: string }) => [e.type, e.at]);
    expect(tracking.timeline.map((e: { type: string; at: string }) => [e.type, e.at])).toEqual(publicFromConsole);
    expect(tracking.timeline.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'accept',
      'assign',
      'sign',
      'reply',
      'rate',
      'reassigned',
      'sign',
      'reply',
      'rate',
    ]);

    await worker.runner.drain();
    const failedJobs = (await t.ctx.repos.jobs.list({ status: 'pending' })).filter((j) => j.lastError);
    expect(failedJobs.map((j) => `${j.name}: ${j.lastError}`)).toEqual([]);
    const citizenMails = smtp.mails.filter((m) => m.to.includes('citizen@example.com')).map((m) => subjectOf(m.raw));
    expect(citizenMails.some((s) => s.includes('已收到'))).toBe(true);
    expect(citizenMails.filter((s) => s.includes('已答复')).length).toBe(2);
    expect(smtp.mails.some((m) => m.to.includes('dept-zhujian@demo.lianxin.local'))).toBe(true);
    const inbox = (await t.request({ method: 'GET', url: '/api/v1/notifications?unread=1', session: dept })).json();
    expect(inbox.total).toBeGreaterThan(0);

    const events = await t.ctx.repos.cases.events(caseId);
    const chain = verifyChain(events.map((e) => ({ ...hashedFields(e), prevHash: e.prevHash, hash: e.hash })));
    expect(chain.ok).toBe(true);
  });

  it('of twenty concurrent conflicting actions one wins and the rest get 409; the chain verifies', async () => {
    const submitted = await t.request({
      method: 'POST',
      url: '/api/v1/public/opinions',
      payload: { content: '安阳街道某路段井盖缺失，请尽快补上。', anonymous: true, unitId: undefined },
    });
    const caseId = (await t.ctx.repos.cases.findByTrackingCode(submitted.json().trackingCode))!.id;
    const version = (await t.ctx.repos.cases.get(caseId)).version;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.request({
          method: 'POST',
          url: `/api/v1/cases/${caseId}/actions/note`,
          session: staff,
          payload: { expectedVersion: version, content: `并发备注 ${i}` },
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    expect(results.filter((r) => r.statusCode === 409).every((r) => errorCode(r) === 'CASE_VERSION_CONFLICT')).toBe(true);
    const events = await t.ctx.repos.cases.events(caseId);
    expect(events.filter((e) => e.type === 'note')).toHaveLength(1);
    expect(verifyChain(events.map((e) => ({ ...hashedFields(e), prevHash: e.prevHash, hash: e.hash }))).ok).toBe(true);
  });

  it('refuses actions outside the state or the scope without changing anything', async () => {
    const submitted = await t.request({
      method: 'POST',
      url: '/api/v1/public/opinions',
      payload: { content: '安阳街道路灯不亮，晚上出行不便。', anonymous: true },
    });
    const caseId = (await t.ctx.repos.cases.findByTrackingCode(submitted.json().trackingCode))!.id;
    const sign = await act(staff, caseId, 'sign', {});
    expect(sign.statusCode).toBe(422);
    expect(errorCode(sign)).toBe('CASE_INVALID_TRANSITION');
    const foreign = await t.login('staff-tangxia');
    const accept = await t.request({ method: 'POST', url: `/api/v1/cases/${caseId}/actions/accept`, session: foreign, payload: { expectedVersion: 1 } });
    expect(accept.statusCode).toBe(404);
    const noReason = await act(staff, caseId, 'reject', {});
    expect(noReason.statusCode).toBe(400);
    const unknownField = await act(staff, caseId, 'accept', { hack: 1 });
    expect(unknownField.statusCode).toBe(400);
    expect((await t.ctx.repos.cases.get(caseId)).version).toBe(1);
  });
});
