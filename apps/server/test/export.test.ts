/**
 * Exports (issue #8) on both databases: the case list as CSV and XLSX in the caller's scope
 * with the list's filters, contact data masked unless an allowed role asks for it, personal
 * data in free text always masked, spreadsheet formulas neutralised, every export audited;
 * and the statistics overview as a file.
 */
import ExcelJS from 'exceljs';
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

describe.each(dialects)('exports on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let staff: Session;
  let dept: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    [admin, staff, dept] = await Promise.all(['admin', 'staff-anyang', 'dept-zhujian'].map((u) => t.login(u)));
    const units = (await t.ctx.repos.units.listActive()) as Array<{ id: string; name: string }>;
    ids.anyang = units.find((u) => u.name.includes('安阳'))!.id;
    ids.tangxia = units.find((u) => u.name.includes('塘下'))!.id;
    const submit = (unitId: string, content: string, phone: string, channel = 'online') =>
      t.ctx.intake.submit({ unitId, content, contact: { name: '王小明', phone, email: 'wang@example.com' } }, { channel });
    await submit(ids.anyang, '小区门口路灯坏了，请联系我13912345678，身份证110101199003074514。', '13700001234');
    await submit(ids.anyang, '=HYPERLINK("http://evil.example","点击") 公园厕所无人打扫，气味难闻。', '13700005678', 'phone');
    await submit(ids.tangxia, '塘下镇菜市场占道经营严重，影响通行。', '13700009999');
  });
  afterAll(async () => {
    await t?.close();
  });

  const exportCsv = async (session: Session, query: string) => {
    const res = await t.request({ method: 'GET', url: `/api/v1/exports/cases?format=csv&${query}`, session });
    return { res, text: res.body.replace(/^\uFEFF/, '') };
  };

  it('exports the caller’s cases with the list’s filters, contact and free-text personal data masked, and audits it', async () => {
    const { res, text } = await exportCsv(staff, '');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="cases-\d+\.csv"/);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const list = (await t.request({ method: 'GET', url: '/api/v1/cases', session: staff })).json();
    expect(Number(res.headers['x-total-count'])).toBe(list.total);
    expect(list.total).toBe(2); // the station's own cases only
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('查询码');
    expect(text).not.toContain('塘下镇菜市场');
    expect(text).toContain('137****1234');
    expect(text).not.toContain('13700001234');
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('110101199003074514');
    expect(text).toContain('王*');
    // A cell that a spreadsheet would run as a formula is neutralised.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点击"") 公园厕所`);

    const filtered = await exportCsv(staff, 'channel=phone');
    expect(filtered.text.trim().split('\r\n')).toHaveLength(2);
    expect(Number(filtered.res.headers['x-total-count'])).toBe(1);

    const audit = await t.ctx.repos.audit.list({ action: 'export.cases' });
    expect(audit.items[0]).toMatchObject({
      actorName: 'staff-anyang',
      payload: { format: 'csv', includeContact: false, rows: 1, filters: { channel: 'phone' } },
    });
    expect(audit.total).toBe(2);
  });

  it('gives contact data only to roles that take in opinions, and audits that it did', async () => {
    const { res, text } = await exportCsv(admin, 'includeContact=1');
    expect(res.statusCode).toBe(200);
    expect(text).toContain('13700001234');
    expect(text).toContain('王小明');
    expect(text).not.toContain('110101199003074514'); // free text stays masked
    const audit = await t.ctx.repos.audit.list({ action: 'export.cases' });
    expect(audit.items[0]).toMatchObject({ actorName: 'admin', payload: { includeContact: true, rows: 3 } });

    const refused = await t.request({ method: 'GET', url: '/api/v1/exports/cases?format=csv&includeContact=1', session: dept });
    expect(refused.statusCode).toBe(403);
    expect(errorCode(refused)).toBe('PERMISSION_DENIED');
    expect((await t.request({ method: 'GET', url: '/api/v1/exports/cases?format=csv' })).statusCode).toBe(401);
    expect(errorCode(await t.request({ method: 'GET', url: '/api/v1/exports/cases?format=pdf', session: admin }))).toBe('VALIDATION_FAILED');
  });

  it('writes XLSX that a spreadsheet library reads back', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/exports/cases?format=xlsx&underUnitId=${ids.anyang}`, session: admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(3);
    const cells = sheet.getSheetValues().flat().map(String).join('|');
    expect(cells).toContain('137****5678');
    expect(cells).not.toContain('13912345678');
  });

  it('exports the statistics overview for the same filters', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/exports/stats?format=csv&underUnitId=${ids.anyang}`, session: admin });
    expect(res.statusCode).toBe(200);
    const overview = (await t.request({ method: 'GET', url: `/api/v1/stats/overview?underUnitId=${ids.anyang}`, session: admin })).json();
    expect(res.body).toContain(`收到意见,${overview.received}`);
    expect(overview.received).toBe(2);
    expect(res.body).toContain('按渠道');
    const xlsx = await t.request({ method: 'GET', url: '/api/v1/exports/stats?format=xlsx', session: staff });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['总体', '按站点', '按分类', '按承办单位', '按渠道', '趋势']);
    expect((await t.ctx.repos.audit.list({ action: 'export.stats' })).total).toBe(2);
  });
});
