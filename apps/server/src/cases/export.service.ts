/**
 * Exports of the case list (with the list's filters and the caller's scope) and of the
 * statistics overview, as CSV or XLSX. Contact data is masked unless the caller asked for it
 * and their role takes in citizens' opinions; personal data in free text (phone, ID card and
 * bank card numbers, emails) is always masked. Every export is audited with its filters.
 *
 * Cases are read in keyset slices with a turn of the event loop between them (export-slices.ts),
 * so no export holds up other requests. Small exports stream straight to the caller
 * (`GET /api/v1/exports/cases`); any size, up to {@link EXPORT_JOB_MAX_ROWS}, runs as an
 * `export.run` job that writes the file beside the attachments (the `exports` store, by SHA-256),
 * reports its progress on its `exports` row and offers the file to the user who asked, and to
 * nobody else, until it expires ({@link EXPORT_TTL_HOURS}).
 */
import { AppError, can, CASE_STATUS_LABELS, formatChinaDateTime, isAppError, LABELS, type ErrorCode } from '@lianxin/core';
import { inTransaction, type CaseListOptions, type CaseRecord, type ExportRecord } from '@lianxin/storage';
import type { ExportJob as ExportJobContract } from '@lianxin/contracts';
import { maskEmail, maskName, maskPhone, maskPii } from '@lianxin/text';
import type { Readable } from 'node:stream';
import type { ServiceDeps } from '../platform/deps';
import type { FileStore } from '../platform/adapters/file-store';
import { newId } from '../platform/adapters/ids';
import { Foreground } from '../platform/foreground';
import { JobInterrupted, type JobRun } from '../platform/jobs/define';
import { enqueue } from '../platform/jobs/enqueue';
import type { JobPayload } from '../platform/jobs/job-type';
import type { RequestActor } from '../auth/actor';
import { channelLabel, type Language } from './case-labels';
import type { CaseService, Worklist } from './case.service';
import { csvStream, xlsxStream, type ExportFormat, type ExportSheet, type Cell } from './export-writer';
import { caseSlices, countCases, type ExportReading } from './export-slices';
import { EXPORT_RUN } from './export-job-types';
import type { StatsQuery, StatsService } from '../stats/stats.service';

/** Most cases an export streamed in the request may hold; beyond it the caller narrows the filters or runs it as a job (413 EXPORT_TOO_LARGE). */
export const EXPORT_MAX_ROWS = 100_000;
/** Most cases an export job may hold (one XLSX sheet holds 1,048,575 rows). */
export const EXPORT_JOB_MAX_ROWS = 1_000_000;
/** Hours an export job's file can be downloaded. */
export const EXPORT_TTL_HOURS = 24;
/** Progress is written at most this often (ms) while an export job runs. */
const PROGRESS_EVERY_MS = 500;

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

/** An export job as the API shows it (its owner only). */
export type ExportJobView = ExportJobContract;

/** What an export job carries. */
type ExportJob = JobPayload<typeof EXPORT_RUN>;

/** Builds exports. */
export class ExportService {
  /** How exports read their cases (tests force small slices and pause between them). */
  reading: ExportReading = {};

  constructor(
    private readonly deps: Pick<ServiceDeps, 'audit' | 'cipher' | 'clock' | 'repos' | 'storage'>,
    private readonly caseService: CaseService,
    private readonly stats: StatsService,
    private readonly files: FileStore,
    private readonly foreground: Foreground = new Foreground(),
  ) {}

  /** Between two parts of a file's writing: requests in flight go first (platform/foreground.ts). */
  turn(): Promise<void> {
    return this.foreground.turn();
  }

  /** The caller's cases under the list filters (at most {@link EXPORT_MAX_ROWS}), audited before the first byte. */
  async cases(actor: RequestActor, request: CaseExportRequest): Promise<PreparedExport> {
    const prepared = await this.prepareCases(actor, request, EXPORT_MAX_ROWS);
    const { searchTokens: _tokens, ...shownFilters } = request.filters;
    await this.deps.audit.record(actor, {
      action: 'export.cases',
      entity: 'case',
      summary: `${prepared.total} ${request.format}${request.includeContact ? ' with contact data' : ''}`,
      payload: { format: request.format, filters: shownFilters, includeContact: request.includeContact, rows: prepared.total },
    });
    return prepared;
  }

  /** Refuses contact data to those who may export it only masked (403; core's `case.export.contact`). */
  private static checkContact(actor: RequestActor, includeContact: boolean): void {
    if (includeContact && !can(actor, 'case.export.contact'))
      throw new AppError('PERMISSION_DENIED', { message: 'Your role may export contact data only masked.' });
  }

  /**
   * Counts the cases (refusing more than `max`) and prepares the sheet that reads them in keyset
   * slices; `onSlice` hears how many rows each slice handed on.
   */
  private async prepareCases(actor: RequestActor, request: CaseExportRequest, max: number, onSlice?: (rows: number) => Promise<void>): Promise<PreparedExport> {
    ExportService.checkContact(actor, request.includeContact);
    const scope = await this.caseService.exportScope(actor, request.filters);
    const turn = () => this.foreground.turn();
    const total = scope.knownTotal ?? (await countCases(this.deps.repos, scope, max, this.reading, turn));
    if (total > max) throw new AppError('EXPORT_TOO_LARGE', { details: [{ path: 'filters', code: 'too_big', message: `${total} > ${max}` }] });
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
    const slices = caseSlices(this.deps.repos, scope, total, this.reading, turn);
    async function* rows(): AsyncGenerator<Cell[][]> {
      for await (const cases of slices) {
        yield cases.map(row);
        await onSlice?.(cases.length);
      }
    }
    return {
      total,
      sheets: [{ name: lang === 'zh' ? '民意件' : 'Cases', columns: HEADERS[lang], rows: rows() }],
      fileName: `cases-${stamp(this.deps.clock.now())}`,
    };
  }

  /**
   * Queues an export of the caller's cases as a job (any size up to {@link EXPORT_JOB_MAX_ROWS}):
   * its row, its job and the audit entry in one transaction. The caller follows it with
   * {@link job} and downloads the file with {@link openFile}.
   */
  async startCasesJob(actor: RequestActor, request: CaseExportRequest): Promise<ExportJobView> {
    ExportService.checkContact(actor, request.includeContact);
    const { storage, clock } = this.deps;
    const now = clock.now().toISOString();
    const id = newId();
    const { searchTokens: _tokens, ...shownFilters } = request.filters;
    const record = await inTransaction(storage.db, async (trx) => {
      const created = await trx.exports.create({
        id,
        kind: 'cases',
        format: request.format,
        includeContact: request.includeContact,
        filters: shownFilters,
        createdBy: actor.userId,
        now,
      });
      const job: ExportJob = {
        exportId: id,
        actor: {
          userId: actor.userId,
          username: actor.username,
          displayName: actor.displayName,
          ip: actor.ip,
          roles: [...actor.roles],
          scope: { ...actor.scope },
        },
        format: request.format,
        includeContact: request.includeContact,
        lang: request.lang,
        filters: request.filters,
      };
      await enqueue(trx, EXPORT_RUN.name, job, { id: `${EXPORT_RUN.name}:${id}`, runAt: now, now });
      await this.deps.audit.record(
        actor,
        {
          action: 'export.cases',
          entity: 'export',
          entityId: id,
          summary: `${request.format} in the background${request.includeContact ? ' with contact data' : ''}`,
          payload: { format: request.format, filters: shownFilters, includeContact: request.includeContact, exportId: id },
        },
        trx,
      );
      return created;
    });
    return present(record, clock.now());
  }

  /** One of the caller's export jobs (404 for anybody else's). */
  async job(actor: RequestActor, id: string): Promise<ExportJobView> {
    return present(await this.owned(actor, id), this.deps.clock.now());
  }

  /** The caller's recent export jobs, newest first. */
  async jobs(actor: RequestActor): Promise<ExportJobView[]> {
    const now = this.deps.clock.now();
    return (await this.deps.repos.exports.listByOwner(actor.userId, 20)).map((r) => present(r, now));
  }

  private async owned(actor: RequestActor, id: string): Promise<ExportRecord> {
    const record = await this.deps.repos.exports.find(id);
    // Only the user who asked: an export may hold contact data, and nobody else asked for this file.
    if (!record || record.createdBy !== actor.userId) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Export not found.' });
    return record;
  }

  /** The file of one of the caller's finished, unexpired export jobs (404 otherwise), audited. */
  async openFile(actor: RequestActor, id: string): Promise<{ stream: Readable; fileName: string; format: ExportFormat; size: number | null }> {
    const record = await this.owned(actor, id);
    const sha256 = record.fileSha256;
    if (!downloadable(record, this.deps.clock.now()) || !sha256 || !this.files.has(sha256))
      throw new AppError('RESOURCE_NOT_FOUND', { message: 'The export is not ready, or its file has expired.' });
    await this.deps.audit.record(actor, {
      action: 'export.download',
      entity: 'export',
      entityId: id,
      summary: record.fileName ?? id,
      payload: { format: record.format, includeContact: record.includeContact, rows: record.total },
    });
    return {
      stream: this.files.open(sha256),
      fileName: record.fileName ?? `${id}.${record.format}`,
      format: record.format as ExportFormat,
      size: record.fileSize,
    };
  }

  /**
   * The `export.run` job: writes the file (counting first, then slice by slice, progress on the
   * export's row), stores it and offers it until it expires. A stop of the worker puts the export
   * back in the queue; a failure is retried from the start, and reported after the last attempt
   * (at once for a refusal such as EXPORT_TOO_LARGE).
   */
  async runJob(job: ExportJob, run: JobRun): Promise<void> {
    const { repos, clock } = this.deps;
    const record = await repos.exports.find(job.exportId);
    if (!record || (record.status !== 'queued' && record.status !== 'running')) return;
    const final = run.job.attempts >= run.job.maxAttempts;
    let processed = 0;
    let written = -Infinity;
    const save = (progress: Parameters<typeof repos.exports.update>[1]) => repos.exports.update(record.id, progress, clock.now().toISOString());
    await save({ status: 'running', processed: 0, error: null });
    const actor: RequestActor = job.actor;
    try {
      const request: CaseExportRequest = { filters: job.filters, format: job.format, includeContact: job.includeContact, lang: job.lang };
      const prepared = await this.prepareCases(actor, request, EXPORT_JOB_MAX_ROWS, async (rows) => {
        processed += rows;
        if (run.signal.aborted) throw new JobInterrupted();
        if (performance.now() - written >= PROGRESS_EVERY_MS) {
          written = performance.now();
          await save({ processed });
          await run.heartbeat();
        }
      });
      await save({ total: prepared.total });
      const stream = job.format === 'csv' ? csvStream(prepared.sheets) : xlsxStream(prepared.sheets, () => this.turn());
      const file = await this.files.putStream(stream, run.signal);
      const finished = clock.now();
      await save({
        status: 'done',
        processed,
        fileName: `${prepared.fileName}.${job.format}`,
        fileSha256: file.sha256,
        fileSize: file.size,
        finishedAt: finished.toISOString(),
        expiresAt: new Date(finished.getTime() + EXPORT_TTL_HOURS * 3_600_000).toISOString(),
      });
    } catch (error) {
      if (error instanceof JobInterrupted || run.signal.aborted) {
        // Stopped with the worker: back in the queue. (A lost claim leaves the row to the worker that has it.)
        if (run.signal.aborted) await save({ status: 'queued', processed: 0 });
        throw error instanceof JobInterrupted ? error : new JobInterrupted();
      }
      const refused = isAppError(error) && error.status < 500;
      const code: ErrorCode = isAppError(error) ? error.code : 'INTERNAL_ERROR';
      if (!final && !refused) {
        await save({ status: 'queued', processed: 0, error: code }).catch(() => undefined);
        throw error;
      }
      await save({ status: 'failed', error: code, finishedAt: clock.now().toISOString() });
    }
  }

  /** The `export.expire` job: removes the files of exports past their expiry (a file two identical exports share stays while one offers it). */
  async expire(): Promise<number> {
    const { repos, clock } = this.deps;
    let removed = 0;
    for (;;) {
      const now = clock.now().toISOString();
      const expired = await repos.exports.expiredBefore(now, 100);
      for (const record of expired) {
        await repos.exports.update(record.id, { status: 'expired' }, now);
        if (record.fileSha256 && !(await repos.exports.fileInUse(record.fileSha256, record.id))) await this.files.remove(record.fileSha256);
        removed++;
      }
      if (expired.length < 100) return removed;
    }
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

/** Whether the file of an export can be downloaded at `now`. */
function downloadable(record: ExportRecord, now: Date): boolean {
  return record.status === 'done' && !!record.expiresAt && Date.parse(record.expiresAt) > now.getTime();
}

/** An export job as the API shows it. */
function present(record: ExportRecord, now: Date): ExportJobView {
  const code = record.error as ErrorCode | null;
  const failed = record.status === 'failed';
  return {
    id: record.id,
    kind: record.kind,
    format: record.format as ExportFormat,
    // A file past its expiry is gone for the user even before the hourly sweep removes it.
    status: record.status === 'done' && !downloadable(record, now) ? 'expired' : record.status,
    includeContact: record.includeContact,
    total: record.total,
    processed: record.processed,
    fileName: record.fileName,
    fileSize: record.fileSize,
    error: failed && code ? { code, message: new AppError(code).message } : null,
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
    expiresAt: record.expiresAt,
    downloadUrl: downloadable(record, now) ? `/api/v1/exports/jobs/${record.id}/file` : null,
  };
}

async function* once(rows: Cell[][]): AsyncGenerator<Cell[][]> {
  yield rows;
}

/** 202612292359: the China time of the export in its file name. */
const stamp = (d: Date) => formatChinaDateTime(d).replace(/[- :]/g, '');
