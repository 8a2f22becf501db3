/**
 * Suggestions and motions end to end over the API on both databases (issue #6): a deputy
 * drafts a motion from two citizen opinions, gathers co-signers, submits; the office
 * registers and assigns it to a lead unit and a co-unit; the lead unit answers (class B);
 * the deputy rates 基本满意; the follow-up answer closes it; the citizens see the link on
 * their tracking pages; the chain verifies; reminders and 催办 come from the job queue.
 */
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker, type Worker } from '../src/worker';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

describe.each(dialects)('suggestions and motions on %s', (dialect) => {
  let t: TestApp;
  let worker: Worker;
  let admin: Session;
  let staff: Session;
  let supervisor: Session;
  let deputy: Session;
  let dept: Session;
  const cosigners: Session[] = [];
  let deputyId: string;
  const cosignerIds: string[] = [];
  let zhujian: string;
  let coUnit: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    worker = createWorker(t.ctx, () => {}, { schedules: false });
    admin = await t.login('admin');
    staff = await t.login('staff-anyang');
    supervisor = await t.login('supervisor');
    deputy = await t.login('deputy-demo');
    dept = await t.login('dept-zhujian');
    deputyId = deputy.user.scope.deputyId!;
    const deputies = (await t.request({ method: 'GET', url: '/api/v1/deputies?pageSize=5', session: admin })).json().items as Array<{ id: string }>;
    for (const [i, d] of deputies
      .filter((x) => x.id !== deputyId)
      .slice(0, 2)
      .entries()) {
      const username = `cosigner-${i}`;
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/users',
        session: admin,
        payload: { username, displayName: `联名代表${i}`, password: 'lianxin-demo', roles: ['deputy'], scope: { deputyId: d.id } },
      });
      expect(res.statusCode, res.body).toBe(201);
      cosignerIds.push(d.id);
      cosigners.push(await t.login(username));
    }
    const departments = (await t.request({ method: 'GET', url: '/api/v1/departments?pageSize=50', session: admin })).json().items as Array<{
      id: string;
      name: string;
    }>;
    zhujian = departments.find((d) => d.name.includes('住房和城乡建设'))!.id;
    coUnit = departments.find((d) => d.id !== zhujian)!.id;
    const settings = await t.request({ method: 'PATCH', url: '/api/v1/suggestion-settings', session: admin, payload: { motionMinCosigners: 2 } });
    expect(settings.json().motionMinCosigners).toBe(2);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Moves the clock and signs in again (sessions expire after 12 hours). */
  const moveClock = async (at: string) => {
    t.clock.set(at);
    // Only the sessions the rest of the test uses: logins are rate-limited per minute.
    [supervisor, deputy, dept] = await Promise.all(['supervisor', 'deputy-demo', 'dept-zhujian'].map((u) => t.login(u)));
  };
  const get = async (session: Session, id: string) => t.request({ method: 'GET', url: `/api/v1/suggestions/${id}`, session });
  const act = async (session: Session, id: string, action: string, body: Record<string, unknown> = {}) => {
    const current = (await get(session, id)).json();
    return t.request({
      method: 'POST',
      url: `/api/v1/suggestions/${id}/actions/${action}`,
      session,
      payload: { expectedVersion: current.proposal.version, ...body },
    });
  };
  const submitOpinion = async (content: string, phone: string) => {
    const res = await t.request({ method: 'POST', url: '/api/v1/public/opinions', payload: { content, deputyId, contact: { phone } } });
    expect(res.statusCode, res.body).toBe(201);
    const code = res.json().trackingCode as string;
    const record = (await t.ctx.repos.cases.findByTrackingCode(code))!;
    const accept = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${record.id}/actions/accept`,
      session: staff,
      payload: { expectedVersion: record.version },
    });
    expect(accept.statusCode, accept.body).toBe(200);
    return { code, id: record.id, verify: phone.slice(-4) };
  };

  it('runs the whole lifecycle of a motion and shows the link to the citizens', async () => {
    const a = await submitOpinion('安阳街道老旧小区加装电梯难，希望政府出台补助政策。', '13700001111');
    const b = await submitOpinion('老旧小区加装电梯协调难，建议统一规划和资金支持。', '13700002222');

    const created = await t.request({
      method: 'POST',
      url: '/api/v1/suggestions',
      session: deputy,
      payload: {
        type: 'motion',
        title: '关于推进老旧小区加装电梯的议案',
        body: '老旧小区加装电梯是群众急难愁盼的问题，建议……',
        cosignerIds,
        caseIds: [a.id, b.id],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().proposal.id as string;
    expect(created.json()).toMatchObject({ proposal: { status: 'draft', type: 'motion' }, missingCosigners: 2, cases: [{ id: a.id }, { id: b.id }] });

    // The office does not see drafts; a deputy not invited neither.
    expect((await get(supervisor, id)).statusCode).toBe(404);
    // Not enough co-signers yet.
    const early = await act(deputy, id, 'submit');
    expect(early.statusCode).toBe(422);
    expect(errorCode(early)).toBe('PROPOSAL_COSIGNERS_MISSING');

    const invitations = (await t.request({ method: 'GET', url: '/api/v1/suggestions?worklist=invited', session: cosigners[0] })).json();
    expect(invitations.items.map((p: { id: string }) => p.id)).toEqual([id]);
    for (const c of cosigners) expect((await act(c, id, 'cosign')).statusCode).toBe(200);
    expect((await act(cosigners[0], id, 'cosign')).statusCode).toBe(403);

    const submitted = await act(deputy, id, 'submit');
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().proposal.status).toBe('submitted');
    // The timeline names the deputy, not the login id.
    const submitEvent = submitted.json().events.find((e: { type: string }) => e.type === 'submit');
    expect(submitEvent.actorName).toMatch(/^演示代表（.*人大代表）$/);
    // Source opinions became part of the motion: converted, and the citizens see the link.
    expect((await t.ctx.repos.cases.get(a.id)).status).toBe('converted');
    for (const c of [a, b]) {
      const track = (await t.request({ method: 'GET', url: `/api/v1/public/opinions/${c.code}?verify=${c.verify}` })).json();
      expect(track.suggestion).toMatchObject({ id, title: '关于推进老旧小区加装电梯的议案', type: 'motion' });
      expect(track.timeline.map((e: { type: string }) => e.type)).toContain('convert');
    }

    // Only the office registers; the deputy cannot.
    expect((await act(deputy, id, 'register')).statusCode).toBe(403);
    const registered = await act(supervisor, id, 'register');
    expect(registered.json().proposal).toMatchObject({ status: 'registered', number: '2026-议案-001' });

    const assigned = await act(supervisor, id, 'assign', { leadUnitId: zhujian, coUnitIds: [coUnit] });
    expect(assigned.statusCode, assigned.body).toBe(200);
    // 2 Mar 2026 + 3 months = 2 Jun 2026 (a Tuesday); withdrawal window 7 working days → 11 Mar.
    expect(assigned.json().proposal).toMatchObject({ status: 'assigned', answerDueAt: '2026-06-02T15:59:59.999Z', withdrawDueAt: '2026-03-11T15:59:59.999Z' });
    expect(assigned.json().proposal.coUnits).toEqual([expect.objectContaining({ id: coUnit, answered: false })]);

    // The department sees it now and answers as lead unit, class B.
    const list = (await t.request({ method: 'GET', url: '/api/v1/suggestions', session: dept })).json();
    expect(list.items.map((p: { id: string }) => p.id)).toContain(id);
    expect((await act(dept, id, 'answer', { content: '已将加装电梯补助纳入明年计划。', answerClass: 'X' })).statusCode).toBe(400);
    const answered = await act(dept, id, 'answer', { content: '已将加装电梯补助纳入明年计划，正在制定实施细则。', answerClass: 'B' });
    expect(answered.json().proposal).toMatchObject({ status: 'answered', answerClass: 'B' });

    // Only the lead deputy rates.
    expect((await act(cosigners[0], id, 'rate', { rating: 'satisfied' })).statusCode).toBe(403);
    const rated = await act(deputy, id, 'rate', { rating: 'basically_satisfied', comment: '希望尽快落实' });
    expect(rated.json().proposal).toMatchObject({ status: 'follow_up', rating: 'basically_satisfied' });

    const closed = await act(dept, id, 'follow_up', { content: '补助政策已出台，首批20部电梯已开工。' });
    expect(closed.json().proposal).toMatchObject({ status: 'closed', followUpContent: '补助政策已出台，首批20部电梯已开工。' });
    expect(closed.json().allowedActions).toEqual(['note']);

    const events = closed.json().events.map((e: { type: string }) => e.type);
    expect(events).toEqual(['created', 'cosign', 'cosign', 'submit', 'register', 'assign', 'answer', 'rate', 'follow_up']);
    const verify = (await t.request({ method: 'GET', url: `/api/v1/suggestions/${id}/verify`, session: supervisor })).json();
    expect(verify).toEqual({ ok: true, count: 9 });
    expect(await t.ctx.proposals.verifyAll()).toEqual([]);

    // Every change has its audit entry.
    const audits = await t.storage.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    expect(audits.map((r) => r.action)).toEqual(
      expect.arrayContaining(['proposal.create', 'proposal.submit', 'proposal.assign', 'proposal.answer', 'proposal.rate', 'proposal.follow_up']),
    );

    // The deputy and the lead unit got inbox messages through the job queue.
    await worker.runner.drain();
    const inbox = await t.ctx.repos.notifications.list(deputy.user.id);
    expect(inbox.items.map((n) => n.kind)).toEqual(expect.arrayContaining(['proposal.registered', 'proposal.answered', 'proposal.followed_up']));
  });

  it('a stale version is a 409 and changes nothing; a tampered event breaks the chain', async () => {
    const created = (
      await t.request({
        method: 'POST',
        url: '/api/v1/suggestions',
        session: deputy,
        payload: { type: 'suggestion', title: '关于增设公交站点的建议', body: '建议在安阳街道增设公交站点。' },
      })
    ).json();
    const id = created.proposal.id as string;
    const stale = await t.request({ method: 'POST', url: `/api/v1/suggestions/${id}/actions/submit`, session: deputy, payload: { expectedVersion: 99 } });
    expect(stale.statusCode).toBe(409);
    expect((await act(deputy, id, 'submit')).statusCode).toBe(200);
    const events = await t.ctx.repos.proposals.events(id);
    await t.storage.db.updateTable('proposal_events').set({ reason: 'edited' }).where('id', '=', events[1].id).execute();
    const verify = (await t.request({ method: 'GET', url: `/api/v1/suggestions/${id}/verify`, session: supervisor })).json();
    expect(verify).toMatchObject({ ok: false, brokenAt: 1, reason: 'hash' });
  });

  it('refuses what a party may not do, and validates input', async () => {
    const bad = await t.request({ method: 'POST', url: '/api/v1/suggestions', session: deputy, payload: { type: 'law', title: 'x', body: '' } });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
    // A department cannot draft; an unknown opinion is a reference error.
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/v1/suggestions',
          session: dept,
          payload: { type: 'suggestion', title: '部门不能提建议', body: '部门不能提建议。', leadDeputyId: deputyId },
        })
      ).statusCode,
    ).toBe(403);
    const unknownCase = await t.request({
      method: 'POST',
      url: '/api/v1/suggestions',
      session: deputy,
      payload: { type: 'suggestion', title: '关于某事的建议', body: '建议内容。', caseIds: ['nope'] },
    });
    expect(errorCode(unknownCase)).toBe('REFERENCE_INVALID');
    const unknownAction = await t.request({ method: 'POST', url: '/api/v1/suggestions/x/actions/dance', session: deputy, payload: { expectedVersion: 1 } });
    expect(unknownAction.statusCode).toBe(400);
    expect((await t.request({ method: 'PATCH', url: '/api/v1/suggestion-settings', session: staff, payload: { motionMinCosigners: 1 } })).statusCode).toBe(403);
  });

  it('exports the list as XLSX, audited', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/suggestions/export.xlsx', session: supervisor });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('编号');
    expect(sheet.rowCount).toBeGreaterThanOrEqual(3);
    const audits = await t.storage.db.selectFrom('audit_log').select('action').where('action', '=', 'proposal.export').execute();
    expect(audits).toHaveLength(1);
  });
  it('a motion turned into a suggestion; 不满意 sends it back; withdrawal only in the window; overdue is urged by the scheduler', async () => {
    const id = (
      await t.request({
        method: 'POST',
        url: '/api/v1/suggestions',
        session: deputy,
        payload: { type: 'motion', title: '关于规范校外培训的议案', body: '建议规范校外培训机构。', cosignerIds },
      })
    ).json().proposal.id as string;
    for (const c of cosigners) await act(c, id, 'cosign');
    await act(deputy, id, 'submit');
    const converted = await act(supervisor, id, 'convert', { reason: '不属于本级人大职权范围，转为建议' });
    expect(converted.json().proposal).toMatchObject({ type: 'suggestion', status: 'registered', number: '2026-建议-001' });
    await act(supervisor, id, 'assign', { leadUnitId: zhujian });

    // Withdrawal after 7 working days is refused.
    await moveClock('2026-03-12T02:00:00.000Z');
    const late = await act(dept, id, 'request_withdraw', { reason: '不属于本单位职责' });
    expect(late.statusCode).toBe(422);

    await act(dept, id, 'answer', { content: '无法解决，原因如下……', answerClass: 'D' });
    const unsatisfied = await act(deputy, id, 'rate', { rating: 'unsatisfied', comment: '答复敷衍' });
    // 12 Mar + 1 month = 12 Apr 2026, a Sunday → Monday 13 Apr.
    expect(unsatisfied.json().proposal).toMatchObject({ status: 'assigned', unsatisfiedCount: 1, answerDueAt: '2026-04-13T15:59:59.999Z' });
    expect(
      unsatisfied
        .json()
        .events.slice(-2)
        .map((e: { type: string }) => e.type),
    ).toEqual(['rate', 'reassigned']);

    // The deadline passes without an answer: the scheduler urges (催办) and tells the office.
    await moveClock('2026-04-14T01:00:00.000Z');
    await worker.runner.drain();
    const after = (await get(supervisor, id)).json();
    expect(after.events.at(-1)).toMatchObject({ type: 'urge', actorName: '系统' });
    const overdue = (await t.request({ method: 'GET', url: '/api/v1/suggestions?worklist=overdue', session: supervisor })).json();
    expect(overdue.items.map((p: { id: string }) => p.id)).toContain(id);
    expect(overdue.items.find((p: { id: string }) => p.id === id).clock).toBe('overdue');
    const office = await t.ctx.repos.notifications.list(supervisor.user.id);
    expect(office.items.map((n) => n.kind)).toContain('proposal.overdue');
  });
});
