/**
 * Times people read in files (issue #15, item 15) on both databases: case and statistics
 * exports (CSV and XLSX), the suggestions workbook, the station and evaluation reports show
 * China time to the minute — 2026-12-29T15:59:59.999Z is `2026-12-29 23:59` — and no ISO
 * instant; the API itself keeps ISO.
 */
import ExcelJS from 'exceljs';
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from './support';

const dialects = await testDialects();

/** An ISO instant as the API writes it. */
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DUE = '2026-12-29T15:59:59.999Z';
const DUE_SHOWN = '2026-12-29 23:59';

describe.each(dialects)('times in files on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let supervisor: Session;
  let caseId: string;
  let anyang: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    [admin, supervisor] = await Promise.all(['admin', 'supervisor'].map((u) => t.login(u)));
    anyang = (await t.ctx.repos.units.listActive()).find((u) => u.name.includes('安阳') && u.kind === 'station')!.id;
    const receipt = await t.ctx.intake.submit({ unitId: anyang, content: '安阳街道某路段路灯不亮，请尽快修复。' }, { channel: 'online' });
    caseId = receipt.case.id;
    await t.storage.db.updateTable('cases').set({ reply_due_at: DUE }).where('id', '=', caseId).execute();
    const deputy = await t.login('deputy-demo');
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/suggestions',
      session: deputy,
      payload: { type: 'suggestion', title: '关于路灯维护的建议', body: '建议加强路灯维护。' },
    });
    const id = created.json().proposal.id as string;
    expect(
      (await t.request({ method: 'POST', url: `/api/v1/suggestions/${id}/actions/submit`, session: deputy, payload: { expectedVersion: 1 } })).statusCode,
    ).toBe(200);
    // The files are made half a minute before midnight, China time, on 29 December.
    t.clock.set('2026-12-29T15:59:30.000Z');
    [admin, supervisor] = await Promise.all(['admin', 'supervisor'].map((u) => t.login(u)));
  });
  afterAll(async () => {
    await t?.close();
  });

  const xlsxText = async (url: string, session = admin) => {
    const res = await t.request({ method: 'GET', url, session });
    expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return { res, text: workbook.worksheets.flatMap((w) => w.getSheetValues().flat().map(String)).join('|') };
  };

  it('case exports show deadlines in China time, in CSV and XLSX and in the file name', async () => {
    const csv = await t.request({ method: 'GET', url: '/api/v1/exports/cases?format=csv', session: admin });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('cases-202612292359.csv');
    expect(csv.body).toContain(DUE_SHOWN);
    expect(csv.body).not.toMatch(ISO);
    const xlsx = await xlsxText('/api/v1/exports/cases?format=xlsx');
    expect(xlsx.text).toContain(DUE_SHOWN);
    expect(xlsx.text).not.toMatch(ISO);
    // The API keeps ISO.
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, session: admin })).json().case.replyDueAt).toBe(DUE);
  });

  it('the statistics export shows its period in China time', async () => {
    const csv = await t.request({ method: 'GET', url: '/api/v1/exports/stats?format=csv&from=2026-12-01&to=2026-12-29', session: admin });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('2026-12-01 00:00 ~ 2026-12-30 00:00');
    expect(csv.body).not.toMatch(ISO);
    expect((await xlsxText('/api/v1/exports/stats?format=xlsx&from=2026-12-01&to=2026-12-29')).text).not.toMatch(ISO);
  });

  it('the suggestions workbook and the evaluation and station reports show China time', async () => {
    const suggestions = await xlsxText('/api/v1/suggestions/export.xlsx');
    expect(suggestions.text).toContain('2026-03-02 09:00'); // submitted at 01:00 UTC
    expect(suggestions.text).not.toMatch(ISO);
    const evaluation = await xlsxText('/api/v1/evaluations/default-station/report.xlsx?period=2026-11', supervisor);
    expect(evaluation.text).toContain(`生成时间 ${DUE_SHOWN}`);
    expect(evaluation.text).not.toMatch(ISO);
    const station = await xlsxText(`/api/v1/evaluations/default-station/stations/${anyang}/report.xlsx?period=2026-11`, supervisor);
    expect(station.text).toContain(`生成时间 ${DUE_SHOWN}`);
    expect(station.text).not.toMatch(ISO);
  });
});
