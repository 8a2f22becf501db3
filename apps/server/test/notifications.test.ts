/**
 * What the notifications say, read from a real SMTP receiver and the SMS log on both databases,
 * the scheduler driven by the injected clock (issue #15, items 14 and 15): a handler's message
 * carries only its own news (no old reply), urge and supervise notes reach their readers, the
 * reminder names the deadline it is about and never goes out after it, escalations speak in
 * words rather than codes, a supervisor gets one digest per window instead of two mails per
 * case and step, and every time a person reads is China time (`2026-12-29 23:59`), never ISO.
 */
import { formatChinaDateTime } from '@lianxin/core';
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERVISOR_DIGEST_MS } from '../src/notifications/notification.service';
import { createWorker, type Worker } from '../src/worker';
import { startSmtpReceiver, subjectOf, textOf } from './smtp-receiver';
import { createTestApp, type Session, type TestApp } from './support';

const dialects = await testDialects();

/** An ISO instant as the API writes it; no mail, SMS or digest may show one. */
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Escalation codes that once leaked into texts. */
const CODES = /（(?:station|hub|congress_office)）|\b(?:hub|congress_office|unsatisfied_again)\b/;

describe.each(dialects)('notifications on %s', (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let worker: Worker;
  let staff: Session;
  let dept: Session;
  let supervisor: Session;
  let zhujian: string;
  const sms: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await createTestApp(dialect, { smtpUrl: smtp.url });
    worker = createWorker(t.ctx, (_level, message) => void (message.startsWith('sms ') && sms.push(message)), { schedules: false });
    await login();
    const departments = (await t.request({ method: 'GET', url: '/api/v1/departments?q=住房和城乡建设', session: staff })).json();
    zhujian = departments.items[0].id as string;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  /** Signs in again (sessions end after 12 hours of the moved clock). */
  async function login() {
    [staff, dept, supervisor] = await Promise.all(['staff-anyang', 'dept-zhujian', 'supervisor'].map((u) => t.login(u)));
  }
  async function moveClock(at: string | number) {
    t.clock.set(new Date(at).toISOString());
    await login();
  }
  const act = async (session: Session, id: string, action: string, body: Record<string, unknown> = {}) => {
    const current = (await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, session })).json();
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/${action}`,
      session,
      payload: { expectedVersion: current.case.version, ...body },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().case as { id: string; trackingCode: string; replyDueAt: string; signDueAt: string };
  };
  /** A consultation (3 working days to reply) assigned to 市住房和城乡建设局. */
  async function assignedCase(content: string, email = 'citizen@example.com') {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/public/opinions',
      payload: { content, kind: 'consultation', contact: { phone: '13700001234', email } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = (await t.ctx.repos.cases.findByTrackingCode(res.json().trackingCode))!.id;
    await act(staff, id, 'accept');
    return act(staff, id, 'assign', { departmentId: zhujian });
  }
  const mails = (to: string) => smtp.mails.filter((m) => m.to.includes(to)).map((m) => ({ subject: subjectOf(m.raw), text: textOf(m.raw) }));
  const deptMail = 'dept-zhujian@demo.lianxin.local';
  const supervisorMail = 'supervisor@demo.lianxin.local';
  const drain = async () => {
    await worker.runner.drain();
    const failed = (await t.ctx.repos.jobs.list({ status: 'pending' })).filter((j) => j.lastError);
    expect(failed.map((j) => `${j.name}: ${j.lastError}`)).toEqual([]);
  };
  const runJob = async (name: string) => {
    const now = t.clock.now().toISOString();
    await t.ctx.repos.jobs.enqueue({ id: `${name}:${now}`, name, payload: {}, runAt: now, now });
    await drain();
  };

  it('a handler message carries its own news only: no old reply; urge and supervise words are passed on', async () => {
    const c = await assignedCase('安阳街道某小区门口路灯不亮，想咨询何时修复。');
    await act(dept, c.id, 'sign');
    await act(dept, c.id, 'reply', { content: '已派人检修路灯，预计本周内修复（旧答复）。' });
    const rated = await t.request({
      method: 'POST',
      url: `/api/v1/public/opinions/${c.trackingCode}/rating`,
      payload: { verify: '1234', rating: 'unsatisfied' },
    });
    expect(rated.statusCode, rated.body).toBe(200);
    await drain();
    const before = mails(deptMail).length;
    await act(staff, c.id, 'urge', { note: '请于本周五前回复群众（站点催办）' });
    await act(supervisor, c.id, 'supervise', { note: '列入重点督办，请局领导牵头办理' });
    await drain();

    // The reopened case went back to the handler with its own message, without the old reply.
    const handlerMails = mails(deptMail);
    const reopened = handlerMails.find((m) => m.subject.includes('重新办理'));
    expect(reopened?.text).toContain(c.trackingCode);
    for (const m of handlerMails) expect(m.text).not.toContain('旧答复');
    // The citizen's own reply message does carry it.
    expect(mails('citizen@example.com').find((m) => m.subject.includes('已答复'))?.text).toContain('旧答复');

    const later = handlerMails.slice(before);
    expect(later.find((m) => m.subject.includes('催办'))?.text).toContain('说明：请于本周五前回复群众（站点催办）');
    expect(later.find((m) => m.subject.includes('督办通知'))?.text).toContain('说明：列入重点督办，请局领导牵头办理');
    const inbox = await t.ctx.repos.notifications.list(supervisor.user.id);
    expect(inbox.items.find((n) => n.caseId === c.id && n.kind === 'case.supervised')?.body).toContain('列入重点督办，请局领导牵头办理');
  });

  it('the reminder names the deadline it is about, in China time, and none goes out once it passed', async () => {
    const c = await assignedCase('安阳街道文化广场的健身器材何时更换？');
    // A deadline whose China-time rendering differs from its UTC date: 2026-12-29T15:59:59.999Z → 2026-12-29 23:59.
    await t.storage.db.updateTable('cases').set({ reply_due_at: '2026-12-29T15:59:59.999Z' }).where('id', '=', c.id).execute();
    const reminderAt = '2026-03-04T16:00:00.000Z';
    await t.ctx.repos.jobs.enqueue({
      id: `reminder-probe:${c.id}`,
      name: 'case.reminder',
      payload: { caseId: c.id, clock: 'reply', at: reminderAt },
      runAt: reminderAt,
      now: t.clock.now().toISOString(),
    });
    const before = mails(deptMail).length;
    await moveClock(reminderAt);
    await drain();
    const reminder = mails(deptMail)
      .slice(before)
      .find((m) => m.subject.includes('即将到期') && m.text.includes(c.trackingCode));
    expect(reminder?.text).toContain('办理期限：2026-12-29 23:59');
    expect(reminder?.text).not.toContain(formatChinaDateTime(reminderAt));

    // A worker catching up after the deadline sends no "due soon" (the deadline job escalates instead).
    const late = await assignedCase('安阳街道某路段井盖松动，咨询由哪个部门负责。');
    await moveClock(Date.parse(late.replyDueAt) + 3_600_000);
    await drain();
    const lateInbox = await t.storage.db.selectFrom('notifications').select('kind').where('case_id', '=', late.id).execute();
    expect(lateInbox.map((n) => n.kind)).not.toContain('handler.reminder');
    expect(lateInbox.map((n) => n.kind)).toContain('case.urged');

    // The same for a suggestion's answer deadline.
    const deputy = await t.login('deputy-demo');
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/suggestions',
      session: deputy,
      payload: { type: 'suggestion', title: '关于井盖巡查的建议', body: '建议定期巡查井盖。' },
    });
    const proposalId = created.json().proposal.id as string;
    const step = async (session: Session, action: string, body: Record<string, unknown> = {}) => {
      const version = (await t.request({ method: 'GET', url: `/api/v1/suggestions/${proposalId}`, session })).json().proposal.version as number;
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/suggestions/${proposalId}/actions/${action}`,
        session,
        payload: { expectedVersion: version, ...body },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    await step(deputy, 'submit');
    await step(supervisor, 'register');
    await step(supervisor, 'assign', { leadUnitId: zhujian });
    const now = t.clock.now().getTime();
    await t.storage.db
      .updateTable('proposals')
      .set({ answer_due_at: new Date(now - 60_000).toISOString() })
      .where('id', '=', proposalId)
      .execute();
    await t.ctx.repos.jobs.enqueue({
      id: `proposal-reminder-probe:${proposalId}`,
      name: 'proposal.reminder',
      payload: { proposalId, at: new Date(now).toISOString() },
      runAt: new Date(now).toISOString(),
      now: new Date(now).toISOString(),
    });
    await drain();
    const reminders = await t.storage.db
      .selectFrom('notifications')
      .select('id')
      .where('kind', '=', 'proposal.reminder')
      .where('link', 'like', `%${proposalId}`)
      .execute();
    expect(reminders).toEqual([]);
  });

  it('escalations speak in words, and a supervisor gets one digest per window instead of two mails per case and step', async () => {
    const a = await assignedCase('安阳街道某小区电梯经常停运，咨询维修进度。');
    const b = await assignedCase('安阳街道某小区二次供水水压不足，咨询整改时间。');
    for (const c of [a, b]) await act(dept, c.id, 'sign');
    // Past both deadlines: the scan urges (station), a working day later it supervises (general station).
    await moveClock(Date.parse(b.replyDueAt) + 60_000);
    await runJob('case.escalation_scan');
    const urgedAt = t.clock.now().getTime();
    await moveClock(urgedAt + 3 * 86_400_000);
    const supervisedAt = t.clock.now().getTime();
    await runJob('case.escalation_scan');
    const supervisedRows = await t.storage.db
      .selectFrom('notifications')
      .select(['case_id', 'body'])
      .where('user_id', '=', supervisor.user.id)
      .where('kind', '=', 'case.supervised')
      .where('created_at', '>=', new Date(supervisedAt).toISOString())
      .execute();
    // One inbox message per case and step.
    expect(supervisedRows.filter((r) => r.case_id === a.id)).toHaveLength(1);
    expect(supervisedRows.filter((r) => r.case_id === b.id)).toHaveLength(1);
    expect(supervisedRows.find((r) => r.case_id === a.id)?.body).toContain('联络总站');

    // No mail yet; when the window closes, one digest naming both cases.
    const before = mails(supervisorMail).length;
    await drain();
    expect(mails(supervisorMail).length).toBe(before);
    await moveClock(supervisedAt + SUPERVISOR_DIGEST_MS);
    await drain();
    const digests = mails(supervisorMail).slice(before);
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toContain('督办汇总');
    expect(digests[0].text).toContain(a.trackingCode);
    expect(digests[0].text).toContain(b.trackingCode);
    expect(digests[0].text).toContain('联络总站');

    // Nobody reads a code: not in mails, not in inboxes, not on the timeline.
    for (const m of smtp.mails) expect(`${subjectOf(m.raw)}\n${textOf(m.raw)}`).not.toMatch(CODES);
    const bodies = await t.storage.db.selectFrom('notifications').select(['title', 'body']).execute();
    for (const n of bodies) expect(`${n.title}\n${n.body}`).not.toMatch(CODES);
    const events = await t.ctx.repos.cases.events(a.id);
    for (const e of events.filter((x) => x.type === 'urge' || x.type === 'supervise')) expect(String(e.payload.note)).not.toMatch(CODES);
  });

  it('a notification job that runs again (a retry, a claim whose lock ran out) stores its inbox messages once', async () => {
    const c = await assignedCase('安阳街道某小区垃圾清运不及时，咨询清运时间。');
    const deputy = await t.login('deputy-demo');
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/suggestions',
      session: deputy,
      payload: { type: 'suggestion', title: '关于垃圾清运的建议', body: '建议增加清运频次。' },
    });
    const proposalId = created.json().proposal.id as string;
    const now = t.clock.now().toISOString();
    await t.ctx.repos.jobs.enqueueMany([
      { id: `probe-case:${c.id}`, name: 'notify', payload: { caseId: c.id, to: 'handler', template: 'case.urged', note: '请尽快办理' }, runAt: now, now },
      {
        id: `probe-proposal:${proposalId}`,
        name: 'proposal.notify',
        payload: { proposalId, to: 'lead_deputy', template: 'proposal.answered' },
        runAt: now,
        now,
      },
    ]);
    const rows = async () => ({
      urged: (await t.storage.db.selectFrom('notifications').select('id').where('case_id', '=', c.id).where('kind', '=', 'case.urged').execute()).length,
      answered: (
        await t.storage.db.selectFrom('notifications').select('id').where('user_id', '=', deputy.user.id).where('kind', '=', 'proposal.answered').execute()
      ).length,
    });
    await drain();
    const once = await rows();
    expect(once.urged).toBeGreaterThan(0);
    expect(once.answered).toBe(1);
    // Both jobs run again, as after a lost lock.
    await t.storage.db
      .updateTable('jobs')
      .set({ status: 'pending' })
      .where('id', 'in', [`probe-case:${c.id}`, `probe-proposal:${proposalId}`])
      .execute();
    await drain();
    expect(await rows()).toEqual(once);
  });

  it('every mail, SMS and digest shows China time, never an ISO instant', async () => {
    await runJob('digest.daily');
    const open = await t.ctx.repos.cases.list({ all: true }, { status: ['assigned', 'in_progress'], departmentId: zhujian, pageSize: 50 });
    const digest = mails(deptMail).findLast((m) => m.subject.includes('今日待办'));
    expect(open.items.length).toBeGreaterThan(0);
    for (const c of open.items.slice(0, 20)) expect(digest?.text).toContain(`${c.trackingCode} `);
    expect(digest?.text).toContain(`（期限 ${formatChinaDateTime(open.items[0].replyDueAt)}）`);

    expect(smtp.mails.length).toBeGreaterThan(10);
    expect(sms.length).toBeGreaterThan(0);
    for (const m of smtp.mails) expect(`${subjectOf(m.raw)}\n${textOf(m.raw)}`).not.toMatch(ISO);
    for (const line of sms) expect(line).not.toMatch(ISO);
    const bodies = await t.storage.db.selectFrom('notifications').select(['title', 'body']).execute();
    for (const n of bodies) expect(`${n.title}\n${n.body}`).not.toMatch(ISO);
  });
});
