/**
 * Key supervision and public comparison over the API on both databases (issue #6): a
 * leader takes a registered suggestion; its KPI roll-up equals a hand computation on a
 * seeded tree; issue items close only with evidence and are flagged when overdue; units
 * are ranked per period with the trend, on a public endpoint.
 */
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** A one-file multipart body in the field `file`. */
function multipart(fileName: string, bytes: Buffer) {
  const boundary = '----lianxin-evidence';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const dialects = await testDialects();

describe.each(dialects)('key supervision and comparison on %s', (dialect) => {
  let t: TestApp;
  let office: Session;
  let deputy: Session;
  let dept: Session;
  let zhujian: string;
  let proposalId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    office = await t.login('supervisor');
    deputy = await t.login('deputy-demo');
    dept = await t.login('dept-zhujian');
    zhujian = dept.user.scope.departmentId!;
    const act = async (session: Session, action: string, body: Record<string, unknown> = {}) => {
      const current = (await t.request({ method: 'GET', url: `/api/v1/suggestions/${proposalId}`, session })).json();
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/suggestions/${proposalId}/actions/${action}`,
        session,
        payload: { expectedVersion: current.proposal.version, ...body },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    proposalId = (
      await t.request({
        method: 'POST',
        url: '/api/v1/suggestions',
        session: deputy,
        payload: { type: 'suggestion', title: '关于推进城市更新的建议', body: '建议加快推进城市更新。' },
      })
    ).json().proposal.id;
    await act(deputy, 'submit');
    await act(office, 'register');
    await act(office, 'assign', { leadUnitId: zhujian });
    await act(office, 'designate_key', { leader: '王副市长' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('rolls KPI progress up the tree exactly as by hand', async () => {
    const add = async (body: Record<string, unknown>) => {
      const res = await t.request({ method: 'POST', url: `/api/v1/suggestions/${proposalId}/indicators`, session: office, payload: body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const root = await add({ name: '城市更新总体目标', target: 1 });
    const a = await add({ parentId: root, name: '改造老旧小区', unit: '个', baseline: 0, target: 40, weight: 3, period: '2026', departmentId: zhujian });
    const b = await add({ parentId: root, name: '安置与环境', target: 1, weight: 1 });
    const b1 = await add({ parentId: b, name: '新建安置房', unit: '套', baseline: 100, target: 300, weight: 1 });
    const b2 = await add({ parentId: b, name: '违建存量', unit: '万平方米', baseline: 50, target: 10, weight: 3 });
    const report = (id: string, value: number, session: Session = office) =>
      t.request({ method: 'POST', url: `/api/v1/suggestions/${proposalId}/indicators/${id}/reports`, session, payload: { period: '2026-Q1', value } });
    expect((await report(a, 5, dept)).statusCode).toBe(201); // the owning department reports
    expect((await report(a, 10, dept)).statusCode).toBe(201); // the latest report counts
    expect((await report(b1, 250)).statusCode).toBe(201);
    expect((await report(b2, 40)).statusCode).toBe(201);
    expect((await report(b2, 1, deputy)).statusCode).toBe(403);
    // By hand: a = 10/40 = 0.25; b1 = 150/200 = 0.75; b2 = (40−50)/(10−50) = 0.25;
    // b = (1·0.75 + 3·0.25)/4 = 0.375; root = (3·0.25 + 1·0.375)/4 = 0.28125.
    const kpis = (await t.request({ method: 'GET', url: `/api/v1/suggestions/${proposalId}/indicators`, session: deputy })).json();
    const [tree] = kpis.items;
    expect(tree.progress).toBeCloseTo(0.28125, 10);
    expect(tree.children.map((n: { name: string; progress: number; latest: number | null }) => [n.name, n.progress, n.latest])).toEqual([
      ['改造老旧小区', 0.25, 10],
      ['安置与环境', 0.375, null],
    ]);
    expect(kpis.overallProgress).toBeCloseTo(0.28125, 10);
    expect(kpis.reports).toHaveLength(4);
    const listed = (await t.request({ method: 'GET', url: '/api/v1/suggestions?worklist=key', session: office })).json();
    expect(listed.items.map((p: { id: string; keyLeader: string }) => [p.id, p.keyLeader])).toEqual([[proposalId, '王副市长']]);
  });

  it('closes issue items only with a statement and an uploaded file, which the key item’s parties may download', async () => {
    const add = (title: string, dueDate: string) =>
      t.request({ method: 'POST', url: `/api/v1/suggestions/${proposalId}/issues`, session: office, payload: { title, dueDate, departmentId: zhujian } });
    const first = (await add('完成首批10个小区设计方案', '2026-03-10')).json().id;
    await add('落实改造资金', '2026-02-27');
    const issues = (await t.request({ method: 'GET', url: `/api/v1/suggestions/${proposalId}/issues`, session: office })).json().items;
    expect(issues.map((i: { title: string; overdue: boolean }) => [i.title, i.overdue])).toEqual([
      ['落实改造资金', true],
      ['完成首批10个小区设计方案', false],
    ]);
    const upload = async (session: Session) => {
      const res = await t.request({ method: 'POST', url: '/api/v1/attachments', session, ...multipart('批复.pdf', PDF) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const file = await upload(dept);
    const close = (session: Session, body: Record<string, unknown>) =>
      t.request({ method: 'POST', url: `/api/v1/issues/${first}/close`, session, payload: { expectedVersion: 1, ...body } });
    expect((await close(dept, {})).statusCode).toBe(400);
    // A statement alone is not evidence: a file is needed too.
    expect((await close(dept, { evidence: '设计方案已批复' })).statusCode).toBe(400);
    expect((await close(deputy, { evidence: '设计方案已批复', attachmentIds: [file] })).statusCode).toBe(403);
    // Someone else's upload cannot be claimed as one's evidence.
    expect(errorCode(await close(dept, { evidence: '设计方案已批复', attachmentIds: [await upload(office)] }))).toBe('REFERENCE_INVALID');
    const closed = await close(dept, { evidence: '设计方案已通过评审并批复（文号2026-12）', attachmentIds: [file] });
    expect(closed.json()).toMatchObject({ status: 'closed', closedLate: false, overdue: false, evidenceAttachmentIds: [file] });
    const listed = (await t.request({ method: 'GET', url: `/api/v1/suggestions/${proposalId}/issues`, session: deputy })).json().items;
    const evidenceFiles = listed.find((i: { id: string }) => i.id === first).evidenceFiles;
    expect(evidenceFiles).toEqual([
      { id: file, mime: 'application/pdf', size: PDF.length, originalName: '批复.pdf', url: `/api/v1/issues/${first}/evidence/${file}` },
    ]);
    const download = await t.request({ method: 'GET', url: evidenceFiles[0].url, session: deputy });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(PDF)).toBe(true);
    // Not for someone who may not see the key item, and only files that are this item's evidence.
    expect((await t.request({ method: 'GET', url: evidenceFiles[0].url, session: await t.login('staff-tangxia') })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/issues/${first}/evidence/${await upload(office)}`, session: office })).statusCode).toBe(404);
    expect(
      errorCode(
        await t.request({
          method: 'POST',
          url: `/api/v1/issues/${first}/close`,
          session: dept,
          payload: { expectedVersion: 2, evidence: '再次销号', attachmentIds: [await upload(dept)] },
        }),
      ),
    ).toBe('ACTION_NOT_ALLOWED');
    expect((await t.ctx.supervision.overdueIssues()).map((i) => i.title)).toEqual(['落实改造资金']);
  });

  it('ranks stations per indicator with the trend, publicly', async () => {
    const indicator = (
      await t.request({ method: 'POST', url: '/api/v1/comparison/indicators', session: office, payload: { name: '新签约项目数', unit: '个' } })
    ).json().id;
    const units = (await t.request({ method: 'GET', url: '/api/v1/public/units' }))
      .json()
      .items.filter((u: { kind: string }) => u.kind === 'station')
      .slice(0, 3);
    const put = (period: string, values: number[]) =>
      t.request({
        method: 'PUT',
        url: '/api/v1/comparison/values',
        session: office,
        payload: { period, values: units.map((u: { id: string }, i: number) => ({ indicatorId: indicator, unitId: u.id, value: values[i] })) },
      });
    expect((await put('2026-01', [5, 9, 7])).statusCode).toBe(204);
    expect((await put('2026-02', [12, 8, 8])).statusCode).toBe(204);
    expect((await t.request({ method: 'PUT', url: '/api/v1/comparison/values', session: deputy, payload: { period: '2026-02', values: [] } })).statusCode).toBe(
      400,
    );
    const ranking = (await t.request({ method: 'GET', url: '/api/v1/public/comparison?period=2026-02' })).json();
    expect(ranking.previousPeriod).toBe('2026-01');
    expect(ranking.indicators[0].items.map((r: { unitId: string; rank: number; rankChange: number }) => [r.unitId, r.rank, r.rankChange])).toEqual([
      [units[0].id, 1, 2],
      ...[units[1].id, units[2].id].sort().map((id) => [id, 2, id === units[1].id ? -1 : 0]),
    ]);
    expect((await t.request({ method: 'GET', url: '/api/v1/public/comparison' })).json().period).toBe('2026-02');
  });
});
