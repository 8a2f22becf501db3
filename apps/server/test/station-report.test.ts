/**
 * One station's monthly report on both databases (demo data, February 2026 on the test
 * clock): the figures are the station's line of the ranking, the rank and peer rank match
 * it, station staff reach only their own station, and the XLSX is one station's, audited.
 */
import { testDialects } from '@lianxin/storage/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();
const PERIOD = '2026-02';

describe.each(dialects)('station monthly report on %s', (dialect) => {
  let t: TestApp;
  let supervisor: Session;
  let staffA: Session;
  let deputy: Session;
  let stationA: { id: string; name: string };
  let stationB: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    [supervisor, staffA, deputy] = await Promise.all(['supervisor', 'staff-anyang', 'deputy-demo'].map((u) => t.login(u)));
    const stations = (await t.request({ method: 'GET', url: '/api/v1/public/units?kind=station' })).json().items as Array<{
      id: string;
      name: string;
      region: string;
    }>;
    stationA = stations.find((s) => s.region === '安阳街道')!;
    stationB = stations.find((s) => s.region === '塘下镇')!;
  });
  afterAll(async () => {
    await t?.close();
  });

  const url = (unitId: string, suffix = '', period = PERIOD) => `/api/v1/evaluations/default-station/stations/${unitId}/report${suffix}?period=${period}`;

  it('shows the station line of the ranking with its key figures and trend', async () => {
    const res = await t.request({ method: 'GET', url: url(stationA.id), session: staffA });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    const results = (await t.request({ method: 'GET', url: `/api/v1/evaluations/default-station/results?period=${PERIOD}`, session: supervisor })).json();
    const line = results.items.find((r: { subjectId: string }) => r.subjectId === stationA.id);
    expect(report.unit).toEqual({ id: stationA.id, name: stationA.name });
    expect([report.score, report.rank, report.peerRank, report.total]).toEqual([line.score, line.rank, line.peerRank, results.items.length]);
    expect(report.peerTotal).toBe(results.items.filter((r: { peerGroup: string | null }) => r.peerGroup === line.peerGroup).length);
    expect(report.breakdown).toEqual(line.breakdown);
    // The demo rota holds receptions at 安阳街道 every week of February.
    expect(report.figures.receptionsPlanned).toBeGreaterThan(0);
    expect(report.figures.receptionsHeld).toBe(line.metrics.receptionsHeld ?? 0);
    expect(report.figures.receptionsPlanned).toBe(line.metrics.receptionsPlanned ?? 0);
    expect(report.figures.opinions).toBe(line.metrics.opinions ?? 0);
    const rated = line.metrics.rated ?? 0;
    expect(report.figures.satisfactionRate).toBe(rated ? Math.round(((line.metrics.satisfiedOrBasic ?? 0) / rated) * 1000) / 10 : null);
    expect(report.trend.map((p: { period: string }) => p.period)).toEqual(['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
    expect(report.trend.at(-1)).toEqual({ period: PERIOD, score: line.score, rank: line.rank });
  });

  it('keeps station staff to their own station and refuses bad input', async () => {
    expect(errorCode(await t.request({ method: 'GET', url: url(stationB.id), session: staffA }))).toBe('PERMISSION_DENIED');
    expect((await t.request({ method: 'GET', url: url(stationB.id), session: supervisor })).statusCode).toBe(200);
    expect(errorCode(await t.request({ method: 'GET', url: url(stationA.id), session: deputy }))).toBe('PERMISSION_DENIED');
    expect((await t.request({ method: 'GET', url: url(stationA.id) })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: url(stationA.id, '', '2026-Q1'), session: supervisor })).statusCode).toBe(400);
    expect(errorCode(await t.request({ method: 'GET', url: url('no-such-unit'), session: supervisor }))).toBe('RESOURCE_NOT_FOUND');
    const deputyScheme = await t.request({
      method: 'GET',
      url: `/api/v1/evaluations/default-deputy/stations/${stationA.id}/report?period=${PERIOD}`,
      session: supervisor,
    });
    expect(deputyScheme.statusCode).toBe(400);
    expect(errorCode(await t.request({ method: 'GET', url: url(stationB.id, '.xlsx'), session: staffA }))).toBe('PERMISSION_DENIED');
  });

  it('exports one station as XLSX and audits the export', async () => {
    const before = (await t.ctx.repos.audit.list({ action: 'evaluation.export' })).total;
    const res = await t.request({ method: 'GET', url: url(stationA.id, '.xlsx'), session: staffA });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const report = (await t.request({ method: 'GET', url: url(stationA.id), session: staffA })).json();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('概况')!;
    expect(summary.getRow(1).getCell(1).value).toBe(`${stationA.name} ${PERIOD} 月度考评报告`);
    expect(summary.getRow(3).values).toEqual([undefined, '总分', report.score]);
    expect(summary.getRow(8).values).toEqual([undefined, '接待场次（实际/计划）', `${report.figures.receptionsHeld} / ${report.figures.receptionsPlanned}`]);
    const labels: unknown[] = [];
    wb.getWorksheet('得分明细')!.eachRow((row, n) => n > 1 && labels.push((row.values as unknown[])[2]));
    expect(labels).toEqual(report.breakdown.map((b: { label: string }) => b.label));
    // Only this station's lines: no other station's name anywhere.
    expect(JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()))).not.toContain(stationB.name);
    const audit = await t.ctx.repos.audit.list({ action: 'evaluation.export' });
    expect(audit.total).toBe(before + 1);
  });
});
