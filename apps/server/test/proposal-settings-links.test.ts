/**
 * Proposal settings and source opinions after drafting, over the API on both databases
 * (issue #6): the co-signers a motion needs (statutory default 9) are stored server-side by
 * admins and the submit rule uses the stored value; a draft's opinions can be linked and
 * unlinked afterwards, each change on the proposal's hash chain.
 */
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

describe.each(dialects)('proposal settings and linked opinions on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let staff: Session;
  let deputy: Session;
  let cosigner: Session;
  let cosignerId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin');
    staff = await t.login('staff-anyang');
    deputy = await t.login('deputy-demo');
    const other = (await t.request({ method: 'GET', url: '/api/v1/deputies?pageSize=5', session: admin }))
      .json()
      .items.find((d: { id: string }) => d.id !== deputy.user.scope.deputyId);
    cosignerId = other.id;
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      session: admin,
      payload: { username: 'cosigner-x', displayName: '联名代表', password: 'lianxin-demo', roles: ['deputy'], scope: { deputyId: cosignerId } },
    });
    expect(res.statusCode, res.body).toBe(201);
    cosigner = await t.login('cosigner-x');
  });
  afterAll(async () => {
    await t?.close();
  });

  const detail = async (id: string) => (await t.request({ method: 'GET', url: `/api/v1/suggestions/${id}`, session: deputy })).json();
  const act = async (session: Session, id: string, action: string, body: Record<string, unknown> = {}) =>
    t.request({
      method: 'POST',
      url: `/api/v1/suggestions/${id}/actions/${action}`,
      session,
      payload: { expectedVersion: (await detail(id)).proposal.version, ...body },
    });
  const draft = async (type: 'motion' | 'suggestion', extra: Record<string, unknown> = {}) => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/suggestions',
      session: deputy,
      payload: { type, title: '关于完善社区养老服务的议案', body: '社区养老服务设施不足，建议……', ...extra },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().proposal.id as string;
  };
  const opinion = async (content: string) => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/public/opinions',
      payload: { content, deputyId: deputy.user.scope.deputyId, contact: { phone: '13700003333' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const record = (await t.ctx.repos.cases.findByTrackingCode(res.json().trackingCode))!;
    const accepted = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${record.id}/actions/accept`,
      session: staff,
      payload: { expectedVersion: record.version },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    return record.id;
  };

  it('a motion needs 9 co-signers by default; the stored setting is what submit checks', async () => {
    const defaults = (await t.request({ method: 'GET', url: '/api/v1/suggestion-settings', session: deputy })).json();
    expect(defaults).toMatchObject({ motionMinCosigners: 9, suggestionMinCosigners: 0, answerMonths: 3, extendedAnswerMonths: 6, issueEscalationWorkdays: 3 });

    const id = await draft('motion', { cosignerIds: [cosignerId] });
    expect((await act(cosigner, id, 'cosign')).statusCode).toBe(200);
    expect((await detail(id)).missingCosigners).toBe(8);
    expect(errorCode(await act(deputy, id, 'submit'))).toBe('PROPOSAL_COSIGNERS_MISSING');

    const patch = (session: Session, payload: Record<string, unknown>) => t.request({ method: 'PATCH', url: '/api/v1/suggestion-settings', session, payload });
    expect((await patch(deputy, { motionMinCosigners: 1 })).statusCode).toBe(403);
    expect((await patch(admin, { motionMinCosigners: -1 })).statusCode).toBe(400);
    expect((await patch(admin, { motionMinCosigners: 1, answerMonths: 2 })).json()).toMatchObject({
      motionMinCosigners: 1,
      answerMonths: 2,
      withdrawWorkdays: 7,
    });
    // Stored server-side: a fresh read (and the settings row) has it, and the change is audited.
    expect((await t.request({ method: 'GET', url: '/api/v1/suggestion-settings', session: deputy })).json().motionMinCosigners).toBe(1);
    const row = await t.storage.db.selectFrom('settings').select('value').where('key', '=', 'proposal.settings').executeTakeFirstOrThrow();
    expect(JSON.parse(row.value)).toMatchObject({ motionMinCosigners: 1 });
    const audit = await t.storage.db.selectFrom('audit_log').select('action').where('action', '=', 'proposal.settings').execute();
    expect(audit).toHaveLength(1);

    expect((await detail(id)).missingCosigners).toBe(0);
    const submitted = await act(deputy, id, 'submit');
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().proposal.status).toBe('submitted');
  });

  it('links more opinions to a draft and unlinks them, on the chain; unlinking stops at submission', async () => {
    const [a, b, c] = [
      await opinion('社区养老食堂太少，老人吃饭难。'),
      await opinion('希望增加社区日间照料中心。'),
      await opinion('居家养老上门服务收费偏高。'),
    ];
    const id = await draft('suggestion', { caseIds: [a] });
    expect((await act(deputy, id, 'link_cases', { caseIds: [b, c] })).json().cases.map((x: { id: string }) => x.id)).toEqual([a, b, c]);
    const unlinked = await act(deputy, id, 'unlink_cases', { caseIds: [a, c] });
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect(unlinked.json().cases.map((x: { id: string }) => x.id)).toEqual([b]);
    expect(unlinked.json().allowedActions).toContain('unlink_cases');
    // Only linked opinions can be unlinked; a co-signer or another deputy cannot.
    const again = await act(deputy, id, 'unlink_cases', { caseIds: [a] });
    expect(errorCode(again)).toBe('REFERENCE_INVALID');
    expect((await act(staff, id, 'unlink_cases', { caseIds: [b] })).statusCode).toBe(200);
    expect((await act(deputy, id, 'link_cases', { caseIds: [b] })).statusCode).toBe(200);

    const events = (await detail(id)).events.map((e: { type: string }) => e.type);
    expect(events).toEqual(['created', 'link_cases', 'unlink_cases', 'unlink_cases', 'link_cases']);
    expect((await t.request({ method: 'GET', url: `/api/v1/suggestions/${id}/verify`, session: deputy })).json()).toEqual({ ok: true, count: 5 });

    expect((await act(deputy, id, 'submit')).statusCode).toBe(200);
    // After submission the opinions are converted into the suggestion: no unlinking; linking more still works.
    expect(errorCode(await act(deputy, id, 'unlink_cases', { caseIds: [b] }))).toBe('PROPOSAL_INVALID_TRANSITION');
    expect((await detail(id)).allowedActions).not.toContain('unlink_cases');
    const relinked = (await act(deputy, id, 'link_cases', { caseIds: [a] })).json().cases.map((x: { id: string }) => x.id);
    expect(relinked.sort()).toEqual([a, b].sort());
  });

  it('submitting converts the accepted source opinions whoever submits, and tells their citizens', async () => {
    // An opinion of a station, not addressed to the deputy: the deputy may not act on it.
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/public/opinions',
      payload: { content: '安阳街道某路口红绿灯时长不合理，早高峰拥堵严重。', unitId: staff.user.scope.unitId, contact: { phone: '13700005555' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const code = res.json().trackingCode as string;
    const record = (await t.ctx.repos.cases.findByTrackingCode(code))!;
    const accepted = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${record.id}/actions/accept`,
      session: staff,
      payload: { expectedVersion: record.version },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const own = await t.request({ method: 'POST', url: `/api/v1/cases/${record.id}/actions/convert`, session: deputy, payload: { expectedVersion: 2 } });
    expect(own.statusCode).toBe(404);
    // The office drafts the suggestion for the deputy with that opinion; the deputy submits it.
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/suggestions',
      session: admin,
      payload: {
        type: 'suggestion',
        title: '关于优化路口信号灯配时的建议',
        body: '早高峰拥堵，建议……',
        leadDeputyId: deputy.user.scope.deputyId,
        caseIds: [record.id],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().proposal.id as string;
    const converted = async () =>
      (await t.ctx.repos.jobs.list({ name: 'notify', limit: 1000 })).filter((j) => {
        const p = j.payload as { caseId?: string; to?: string; template?: string };
        return p.caseId === record.id && p.to === 'citizen' && p.template === 'case.converted';
      });
    expect(await converted()).toHaveLength(0);
    const submitted = await act(deputy, id, 'submit');
    expect(submitted.statusCode, submitted.body).toBe(200);
    // Converted: out of the station's queue (no clock runs), linked, and the citizen is told.
    const after = await t.ctx.repos.cases.get(record.id);
    expect(after).toMatchObject({ status: 'converted', suggestionId: id });
    const events = await t.ctx.repos.cases.events(record.id);
    expect(events.at(-1)).toMatchObject({ type: 'convert', actorId: 'system:suggestion', actorKind: 'system' });
    expect(await converted()).toHaveLength(1);
    const queue = (await t.request({ method: 'GET', url: '/api/v1/cases?status=accepted&pageSize=100', session: staff })).json();
    expect(queue.items.map((c: { id: string }) => c.id)).not.toContain(record.id);
    const track = (await t.request({ method: 'GET', url: `/api/v1/public/opinions/${code}?verify=5555` })).json();
    expect(track).toMatchObject({ status: 'converted', suggestion: { id } });
  });
});
