/**
 * One station's monthly report as an XLSX workbook: the key figures, every score item and
 * the month trend, the same content as the printed page.
 */
import { loadExcel } from '../platform/lazy-modules';
import { BOARD_NOTE_LABELS, boardRuleText, formatChinaDateTime, METRIC_LABELS, type EvaluationMetric } from '@lianxin/core';
import type { StationReport } from './station-report';

const BOARD = { red: '红榜', black: '黑榜' } as const;
const rate = (v: number | null) => (v === null ? '无数据' : `${v}%`);

/** The workbook as bytes. */
export async function stationReportWorkbook(report: StationReport, generatedAt: string): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = '连心 Lianxin';
  const summary = wb.addWorksheet('概况');
  summary.addRow([`${report.unit.name} ${report.period} 月度考评报告`]).font = { bold: true, size: 14 };
  summary.addRow([`生成时间 ${formatChinaDateTime(generatedAt)}`]);
  const f = report.figures;
  const rows: Array<[string, string | number]> = [
    ['总分', report.score],
    ['总名次', `${report.rank} / ${report.total}`],
    ['组内名次', `${report.peerRank} / ${report.peerTotal}`],
    ['分组', report.peerGroup ?? ''],
    ['榜单', report.board ? BOARD[report.board] : report.boardNote ? BOARD_NOTE_LABELS[report.boardNote].zh : ''],
    ['接待场次（实际/计划）', `${f.receptionsHeld} / ${f.receptionsPlanned}`],
    ['收集意见数', f.opinions],
    ['交办件数', f.casesAssigned],
    ['按时签收率', rate(f.signedOnTimeRate)],
    ['按时答复率', rate(f.repliedOnTimeRate)],
    ['满意率', rate(f.satisfactionRate)],
    ['榜单规则', boardRuleText(report.boardSize, 'zh')],
  ];
  for (const row of rows) summary.addRow(row);
  summary.columns.forEach((c, i) => (c.width = [24, 20][i]));

  const detail = wb.addWorksheet('得分明细');
  detail.addRow(['类别', '指标', '完成值', '权重/每项分值', '得分', '分子', '分母', '目标', '说明']).font = { bold: true };
  for (const b of report.breakdown) {
    detail.addRow([
      b.group,
      b.label,
      b.kind === 'indicator' ? Math.round(b.value * 10000) / 10000 : b.value,
      b.weight,
      b.points,
      b.numerator ?? '',
      b.denominator ?? '',
      b.target ?? '',
      b.note === 'no_data' ? '无数据' : b.note === 'capped' ? '已封顶' : '',
    ]);
  }
  detail.columns.forEach((c, i) => (c.width = [14, 20, 10, 12, 8, 8, 8, 8, 8][i]));

  const figures = wb.addWorksheet('基础数据');
  figures.addRow(['指标', '数值']).font = { bold: true };
  for (const [key, value] of Object.entries(report.metrics)) figures.addRow([METRIC_LABELS[key as EvaluationMetric]?.zh ?? key, value ?? 0]);
  figures.columns.forEach((c, i) => (c.width = i === 0 ? 24 : 12));

  const trend = wb.addWorksheet('月度趋势');
  trend.addRow(['月份', '得分', '名次']).font = { bold: true };
  for (const t of report.trend) trend.addRow([t.period, t.score ?? '', t.rank ?? '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
