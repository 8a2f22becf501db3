/**
 * The monthly (or quarterly, yearly) evaluation report as an XLSX workbook: the ranking
 * with boards, every subject's breakdown line by line, and the measured figures behind it.
 * Built in memory: one row per subject and indicator is a few thousand rows at most.
 */
import { loadExcel } from '../platform/lazy-modules';
import { BOARD_NOTE_LABELS, boardRuleText, formatChinaDateTime, METRIC_LABELS, type BoardNote, type EvaluationMetric } from '@lianxin/core';

/** What the report is made of (the results endpoint's body). */
export interface ReportInput {
  schemeName: string;
  period: string;
  generatedAt: string;
  /** Places per board, for the rule stated under the title. */
  boardSize: number;
  items: Array<{
    subjectId: string;
    name: string;
    peerGroup: string | null;
    score: number;
    rank: number;
    peerRank: number;
    board: 'red' | 'black' | null;
    boardNote: BoardNote | null;
    metrics: Partial<Record<string, number>>;
    breakdown: Array<{
      label: string;
      group: string;
      kind: string;
      value: number;
      weight: number;
      points: number;
      numerator?: number;
      denominator?: number;
      target?: number;
      note?: string;
    }>;
  }>;
}

const BOARD = { red: '红榜', black: '黑榜' } as const;

/** The workbook as bytes. */
export async function evaluationWorkbook(input: ReportInput): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = '连心 Lianxin';
  const ranking = wb.addWorksheet('排名');
  ranking.addRow([`${input.schemeName} ${input.period}`]).font = { bold: true, size: 14 };
  ranking.addRow([`生成时间 ${formatChinaDateTime(input.generatedAt)}`]);
  ranking.addRow([`榜单规则：${boardRuleText(input.boardSize, 'zh')}`]);
  const header = ranking.addRow(['名次', '对象', '分组', '组内名次', '得分', '榜单', '榜单说明']);
  header.font = { bold: true };
  for (const r of input.items)
    ranking.addRow([
      r.rank,
      r.name,
      r.peerGroup ?? '',
      r.peerRank,
      r.score,
      r.board ? BOARD[r.board] : '',
      r.boardNote ? BOARD_NOTE_LABELS[r.boardNote].zh : '',
    ]);
  ranking.columns.forEach((c, i) => (c.width = [8, 28, 10, 10, 10, 8, 30][i]));

  const detail = wb.addWorksheet('得分明细');
  detail.addRow(['对象', '类别', '指标', '完成值', '权重/每项分值', '得分', '分子', '分母', '目标', '说明']).font = { bold: true };
  for (const r of input.items) {
    for (const b of r.breakdown) {
      detail.addRow([
        r.name,
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
  }
  detail.columns.forEach((c, i) => (c.width = [24, 14, 20, 10, 12, 8, 8, 8, 8, 8][i]));

  const figures = wb.addWorksheet('基础数据');
  const keys = [...new Set(input.items.flatMap((r) => Object.keys(r.metrics)))] as EvaluationMetric[];
  figures.addRow(['对象', ...keys.map((k) => METRIC_LABELS[k]?.zh ?? k)]).font = { bold: true };
  for (const r of input.items) figures.addRow([r.name, ...keys.map((k) => r.metrics[k] ?? 0)]);
  figures.columns.forEach((c, i) => (c.width = i === 0 ? 24 : 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
