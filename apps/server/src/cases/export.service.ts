/**
 * Exports of the case list (with the list's filters and the caller's scope) and of the
 * statistics overview, as CSV or XLSX. Contact data is masked unless the caller asked for it
 * and their role takes in citizens' opinions; personal data in free text (phone, ID card and
 * bank card numbers, emails) is always masked. Every export is audited with its filters.
 */
import { AppError, can, CASE_STATUS_LABELS, formatChinaDateTime, LABELS } from '@lianxin/core';
import type { CaseListOptions, CaseRecord } from '@lianxin/storage';
import { maskEmail, maskName, maskPhone, maskPii } from '@lianxin/text';
import type { ServiceDeps } from '../platform/deps';
import type { RequestActor } from '../auth/actor';
import { channelLabel, type Language } from './case-labels';
import type { CaseService, Worklist } from './case.service';
import type { ExportFormat, ExportSheet, Cell } from './export-writer';
import type { StatsQuery, StatsService } from '../stats/stats.service';

/** Most cases one export may hold; beyond it the caller narrows the filters (413 EXPORT_TOO_LARGE). */
export const EXPORT_MAX_ROWS = 100_000;
const BATCH = 500;
const RATING_LABELS: Record<string, { zh: string; en: string }> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
  none: { zh: '未评价', en: 'Not rated' },
};

const HEADERS = {
  zh: [
    '查询码',
    '标题',
    '状态',
    '诉求类型',
    '渠道',
    '分类',
    '站点',
    '承办单位',
    '提交时间',
    '答复期限',
    '答复时间',
    '办结时间',
    '评价',
    '反映人',
    '联系电话',
    '电子邮箱',
    '内容',
    '答复',
  ],
  en: [
    'Tracking code',
    'Title',
    'Status',
    'Kind',
    'Channel',
    'Category',
    'Station',
    'Department',
    'Submitted',
    'Reply due',
    'Replied',
    'Closed',
    'Rating',
    'Reporter',
    'Phone',
    'Email',
    'Content',
    'Reply',
  ],
};

/** What the caller asked to export. */
export interface CaseExportRequest {
  filters: CaseListOptions & { worklist?: Worklist | undefined };
  format: ExportFormat;
  includeContact: boolean;
  lang: Language;
}

/** A prepared export: how many rows, and the sheets to stream. */
export interface PreparedExport {
  total: number;
  sheets: ExportSheet[];
  fileName: string;
}

/** Builds exports. */
export class ExportService {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'audit' | 'cipher' | 'clock'>,
    private readonly caseService: CaseService,
    private readonly stats: StatsService,
  ) {}

  /** The caller's cases under the list filters, audited before the first byte. */
  async cases(actor: RequestActor, request: CaseExportRequest): Promise<PreparedExport> {
    if (request.includeContact && !can(actor, 'case.export.contact'))
      throw new AppError('PERMISSION_DENIED', { message: 'Your role may export contact data only masked.' });
    const first = await this.caseService.list(actor, { ...request.filters, page: 1, pageSize: 1 });
    if (first.total > EXPORT_MAX_ROWS)
      throw new AppError('EXPORT_TOO_LARGE', { details: [{ path: 'filters', code: 'too_big', message: `${first.total} > ${EXPORT_MAX_ROWS}` }] });
    const { searchTokens: _tokens, ...shownFilters } = request.filters;
    await this.deps.audit.record(actor, {
      action: 'export.cases',
      entity: 'case',
      summary: `${first.total} ${request.format}${request.includeContact ? ' with contact data' : ''}`,
      payload: { format: request.format, filters: shownFilters, includeContact: request.includeContact, rows: first.total },
    });
    const names = await this.stats.names();
    const lang = request.lang;
    const { cipher } = this.deps;
    const contact = (value: string | null, mask: (v: string | null) => string | null) => {
      const plain = cipher.decrypt(value);
      return request.includeContact ? plain : mask(plain);
    };
    const row = (c: CaseRecord): Cell[] => [
      c.trackingCode,
      maskPii(c.title),
      CASE_STATUS_LABELS[c.status as keyof typeof CASE_STATUS_LABELS]?.[lang] ?? c.status,
      (LABELS.appealKind as Record<string, { zh: string; en: string }>)[c.kind]?.[lang] ?? c.kind,
      channelLabel(c.channel, lang),
      c.categoryId ? (names.categories.get(c.categoryId)?.name ?? c.categoryId) : null,
      c.unitId ? (names.units.get(c.unitId)?.name ?? c.unitId) : null,
      c.departmentId ? (names.departments.get(c.departmentId) ?? c.departmentId) : null,
      c.createdAt,
      c.replyDueAt,
      c.repliedAt,
      c.closedAt,
      c.rating ? (RATING_LABELS[c.rating]?.[lang] ?? c.rating) : null,
      c.anonymous ? null : contact(c.reporterNameEnc, maskName),
      c.anonymous ? null : contact(c.reporterPhoneEnc, maskPhone),
      c.anonymous ? null : contact(c.reporterEmailEnc, maskEmail),
      maskPii(c.content),
      c.replyContent ? maskPii(c.replyContent) : null,
    ];
    const list = this.caseService;
    const total = first.total;
    async function* batches(): AsyncGenerator<Cell[][]> {
      for (let page = 1; (page - 1) * BATCH < total; page++) {
        const result = await list.list(actor, { ...request.filters, page, pageSize: BATCH });
        if (!result.items.length) return;
        yield result.items.map(row);
      }
    }
    return {
      total,
      sheets: [{ name: lang === 'zh' ? '民意件' : 'Cases', columns: HEADERS[lang], rows: batches() }],
      fileName: `cases-${stamp(this.deps.clock.now())}`,
    };
  }

  /** The statistics overview as tables (figures, each breakdown, the trend), audited. */
  async statistics(actor: RequestActor, query: StatsQuery, format: ExportFormat, lang: Language): Promise<PreparedExport> {
    const o = await this.stats.overview(actor, query, lang);
    await this.deps.audit.record(actor, { action: 'export.stats', entity: 'stats', summary: format, payload: { format, filters: { ...query } } });
    const zh = lang === 'zh';
    const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
    const lineColumns = zh
      ? ['名称', '收到', '已受理', '已办结', '按时答复率(%)', '满意率(%)', '平均办理工作日']
      : ['Name', 'Received', 'Accepted', 'Closed', 'On time (%)', 'Satisfied (%)', 'Average working days'];
    const lines = (items: typeof o.byCategory): AsyncIterable<Cell[][]> =>
      once(items.map((l) => [l.name, l.received, l.accepted, l.closed, pct(l.onTimeRate), pct(l.satisfactionRate), l.avgHandleWorkdays]));
    const period = `${formatChinaDateTime(o.period.from) || '—'} ~ ${formatChinaDateTime(o.period.to) || '—'}`;
    const figures: Cell[][] = zh
      ? [
          ['统计期间', period],
          ['收到意见', o.received],
          ['已受理', o.accepted],
          ['已办结', o.closed],
          ['按时答复率(%)', pct(o.onTimeRate)],
          ['满意率(%)', pct(o.satisfactionRate)],
          ['平均办理工作日', o.avgHandleWorkdays],
          ['超期未办', o.overdue],
          ['督办中', o.supervised],
        ]
      : [
          ['Period', period],
          ['Received', o.received],
          ['Accepted', o.accepted],
          ['Closed', o.closed],
          ['Replied on time (%)', pct(o.onTimeRate)],
          ['Satisfied (%)', pct(o.satisfactionRate)],
          ['Average working days', o.avgHandleWorkdays],
          ['Overdue', o.overdue],
          ['Under supervision', o.supervised],
        ];
    const sheets: ExportSheet[] = [
      { name: zh ? '总体' : 'Figures', columns: zh ? ['指标', '数值'] : ['Figure', 'Value'], rows: once(figures) },
      { name: zh ? '按站点' : 'By unit', columns: lineColumns, rows: lines(o.byUnit) },
      { name: zh ? '按分类' : 'By category', columns: lineColumns, rows: lines(o.byCategory) },
      { name: zh ? '按承办单位' : 'By department', columns: lineColumns, rows: lines(o.byDepartment) },
      { name: zh ? '按渠道' : 'By channel', columns: lineColumns, rows: lines(o.byChannel) },
      {
        name: zh ? '趋势' : 'Trend',
        columns: zh ? ['时间', '收到', '已受理', '已办结'] : ['Period', 'Received', 'Accepted', 'Closed'],
        rows: once(o.trend.map((b) => [b.period, b.received, b.accepted, b.closed])),
      },
    ];
    return { total: o.received, sheets, fileName: `statistics-${stamp(this.deps.clock.now())}` };
  }
}

async function* once(rows: Cell[][]): AsyncGenerator<Cell[][]> {
  yield rows;
}

/** 202612292359: the China time of the export in its file name. */
const stamp = (d: Date) => formatChinaDateTime(d).replace(/[- :]/g, '');
