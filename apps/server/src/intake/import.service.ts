/**
 * Import of paper registers and legacy systems (XLSX, CSV): a preview with a suggested
 * column mapping, then a run on the job queue (`import.run`, a long job a worker runs) that
 * validates every row, skips and reports bad ones, recognises rows imported before (a source key
 * per row) and records the rest through the ordinary intake, so imported opinions are normal
 * cases with events, hash chain and deadlines. A dry run does everything but write cases. The
 * run writes its progress to its `imports` row after every chunk (the console polls it); a run
 * interrupted by a stopping or failing worker resumes from there on the next attempt.
 */
import { IMPORT_FIELDS, type ImportField, type ImportMapping } from '@lianxin/contracts';
import { createHash } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AppError, can, isAppError, reaches, visibility } from '@lianxin/core';
import {
  inTransaction,
  isUniqueViolation,
  type AppealKindRecord,
  type CategoryRecord,
  type ImportRecord,
  type ImportRowError,
  type UnitRecord,
} from '@lianxin/storage';
import type { ServiceDeps } from '../platform/deps';
import { newId } from '../platform/adapters/ids';
import type { FileStore } from '../platform/adapters/file-store';
import { JobInterrupted, type JobRun } from '../platform/jobs/define';
import { enqueue } from '../platform/jobs/enqueue';
import type { JobPayload } from '../platform/jobs/job-type';
import { authorize as authorizeAction, type RequestActor } from '../auth/actor';
import { cellText, parseChinaDate, readSheet, ROWS_PER_TURN, type Sheet, type SheetCell } from './import-sheet';
import { IMPORT_RUN } from './import-job-types';
import type { IntakeService, OpinionInput } from './intake.service';

/** Fields a column can be mapped to. */
export { IMPORT_FIELDS, type ImportField, type ImportMapping };

/** Header names (normalised: lower case, no spaces or punctuation) that suggest a field, most specific first. */
const SYNONYMS: Record<ImportField, string[]> = {
  title: ['留言主题', '意见标题', '诉求标题', '标题', '主题', '事项', '诉求主题', 'title', 'subject'],
  content: [
    '留言详情',
    '留言内容',
    '意见内容',
    '诉求内容',
    '反映内容',
    '问题描述',
    '具体内容',
    '详细内容',
    '内容',
    '详情',
    '正文',
    'content',
    'body',
    'description',
    'details',
    'text',
  ],
  createdAt: [
    '留言时间',
    '登记时间',
    '反映时间',
    '提交时间',
    '来访时间',
    '受理时间',
    '创建时间',
    '时间',
    '日期',
    'createdat',
    'created',
    'date',
    'time',
    'datetime',
  ],
  reporterName: ['留言用户', '反映人', '来访人', '联系人', '群众姓名', '姓名', '用户', '名字', 'reportername', 'name', 'reporter', 'user'],
  reporterPhone: ['联系电话', '手机号码', '手机号', '联系方式', '电话', '手机', 'reporterphone', 'phone', 'mobile', 'tel', 'telephone'],
  address: ['事发地点', '详细地址', '地址', '住址', '地点', 'address', 'location'],
  category: ['一级分类', '一级标签', '问题分类', '所属类别', '分类', '类别', '标签', 'category'],
  unit: ['联络站', '所属站点', '站点', '联络点', '镇街', '街道', '乡镇', 'station', 'unit'],
  kind: ['诉求类型', '意见类型', '留言类型', '类型', '性质', 'kind', 'type'],
  sourceId: ['留言编号', '工单编号', '工单号', '编号', '编码', '单号', 'sourceid', 'id', 'no'],
};

/** Rows validated between two progress writes (and between two yields to the event loop). */
const CHUNK = 50;
/** Errors (and duplicate rows) kept per run. */
const MAX_REPORTED = 1000;
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(0\d{2,3})?\d{7,8}$/;

/** What the console needs to set up a mapping. */
export interface ImportPreview {
  columns: string[];
  sampleRows: string[][];
  totalRows: number;
  suggestedMapping: ImportMapping;
  encoding: 'utf-8' | 'gb18030' | null;
}

/** An import run as the API shows it: problems and duplicate rows apart. */
export interface ImportView extends Omit<ImportRecord, 'errors'> {
  errors: ImportRowError[];
  duplicateRows: number[];
}

/** A row ready for intake, or why not. */
type RowOutcome = { ok: true; input: OpinionInput; receivedAt: string | null; sourceKey: string } | { ok: false; code: string; reason: string };

const normaliseHeader = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-—:：()（）[\]【】*]/g, '');

/** Suggests a column per field from header names (exact synonym first, then a header containing one). */
export function suggestMapping(columns: string[]): ImportMapping {
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as ImportMapping;
  const used = new Set<string>();
  const headers = columns.map((c) => ({ column: c, key: normaliseHeader(c) }));
  const assign = (match: (key: string, synonym: string) => boolean) => {
    for (const field of IMPORT_FIELDS) {
      if (mapping[field]) continue;
      for (const synonym of SYNONYMS[field]) {
        const hit = headers.find((h) => !used.has(h.column) && match(h.key, synonym));
        if (hit) {
          mapping[field] = hit.column;
          used.add(hit.column);
          break;
        }
      }
    }
  };
  assign((key, synonym) => key === synonym);
  // Containment only for Chinese synonyms: "id" must not match "paid".
  assign((key, synonym) => /[\u4e00-\u9fff]/.test(synonym) && key.includes(synonym));
  return mapping;
}

/** Content as stored: line breaks kept, each line trimmed (also of full-width spaces), blank lines dropped. */
export function normaliseContent(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

/** The idempotency key of an imported row. */
export function importSourceKey(parts: { sourceId: string | null; content: string; createdAt: string | null; phone: string | null }): string {
  const basis = parts.sourceId
    ? `id\u0000${parts.sourceId.trim()}`
    : `row\u0000${parts.content.normalize('NFKC').replace(/\s+/g, '')}\u0000${parts.createdAt ?? ''}\u0000${parts.phone ?? ''}`;
  return createHash('sha256').update(basis).digest('hex');
}

/** Picks the one record whose name (or alias) equals `value`, else the one whose name is contained in it or contains it. */
function resolveByName<T extends { id: string }>(
  value: string,
  records: T[],
  names: (r: T) => string[],
  prefer: (r: T) => number = () => 0,
): { found: T } | { problem: 'unknown' | 'ambiguous' } {
  const exact = records.filter((r) => names(r).some((n) => n === value));
  const best = (list: T[], score: (r: T) => number) => {
    const top = Math.max(...list.map(score));
    const winners = list.filter((r) => score(r) === top);
    return winners.length === 1 ? { found: winners[0] } : { problem: 'ambiguous' as const };
  };
  if (exact.length) return best(exact, prefer);
  if (Array.from(value).length < 2) return { problem: 'unknown' };
  const matched = (r: T) =>
    Math.max(0, ...names(r).map((n) => (n.length >= 2 && (value.includes(n) || n.includes(value)) ? Math.min(n.length, value.length) : 0)));
  const contained = records.filter((r) => matched(r) > 0);
  if (!contained.length) return { problem: 'unknown' };
  return best(contained, (r) => matched(r) * 10 + prefer(r));
}

/** What an import job carries. */
type ImportJob = JobPayload<typeof IMPORT_RUN>;

/** Previews, starts (as jobs), runs and shows imports. */
export class ImportService {
  constructor(private readonly ctx: Pick<ServiceDeps, 'repos' | 'clock' | 'storage'> & { intake: IntakeService; files: FileStore }) {}

  /** Who may import: admins, supervisors and station staff. */
  static authorize(actor: RequestActor): void {
    authorizeAction(actor, 'case.import');
  }

  /** Columns, the first rows and a suggested mapping of a file. */
  async preview(bytes: Buffer, fileName: string | null): Promise<ImportPreview> {
    const sheet = await readSheet(bytes, fileName);
    return {
      columns: sheet.columns,
      sampleRows: sheet.rows.slice(0, 5).map((r) => sheet.columns.map((_, i) => cellText(r.cells[i] ?? null))),
      totalRows: sheet.rows.length,
      suggestedMapping: suggestMapping(sheet.columns),
      encoding: sheet.encoding,
    };
  }

  /** Checks a mapping against the columns of a sheet; content is required. */
  static checkMapping(raw: unknown, columns: string[]): ImportMapping {
    const problems: Array<{ path: string; code: string; message: string }> = [];
    const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as ImportMapping;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new AppError('VALIDATION_FAILED', { message: 'mapping must be a JSON object of field → column.', details: [{ path: 'mapping', code: 'invalid' }] });
    }
    for (const [field, column] of Object.entries(raw as Record<string, unknown>)) {
      if (!(IMPORT_FIELDS as readonly string[]).includes(field)) {
        problems.push({ path: `mapping.${field}`, code: 'unknown_field', message: `Unknown field ${field}.` });
      } else if (column === null || column === '') {
        mapping[field as ImportField] = null;
      } else if (typeof column !== 'string' || !columns.includes(column)) {
        problems.push({ path: `mapping.${field}`, code: 'unknown_column', message: `The file has no column ${JSON.stringify(column)}.` });
      } else {
        mapping[field as ImportField] = column;
      }
    }
    if (!mapping.content) problems.push({ path: 'mapping.content', code: 'required', message: 'Map a column to content.' });
    if (problems.length) throw new AppError('VALIDATION_FAILED', { details: problems });
    return mapping;
  }

  /**
   * Records the run and queues its job (one transaction), then keeps the sheet beside the
   * attachments for the worker; returns the run at once. The job is committed before the file is
   * written, so a finishing run of the same bytes sees it and leaves the file alone.
   */
  async start(
    actor: RequestActor,
    file: { bytes: Buffer; fileName: string | null },
    options: { mapping: unknown; dryRun: boolean; channel: string },
  ): Promise<ImportRecord> {
    const sheet = await readSheet(file.bytes, file.fileName);
    const mapping = ImportService.checkMapping(options.mapping, sheet.columns);
    const { repos, clock, files } = this.ctx;
    const now = clock.now().toISOString();
    const id = newId();
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const record = await inTransaction(this.ctx.storage.db, async (trx) => {
      const created = await trx.imports.create({
        id,
        fileName: (file.fileName ?? 'upload').slice(0, 200),
        status: 'running',
        dryRun: options.dryRun,
        mapping,
        total: sheet.rows.length,
        createdBy: actor.userId,
        now,
      });
      const job: ImportJob = {
        importId: id,
        file: { sha256, name: file.fileName },
        channel: options.channel,
        actor: {
          userId: actor.userId,
          username: actor.username,
          displayName: actor.displayName,
          ip: actor.ip,
          roles: [...actor.roles],
          scope: { ...actor.scope },
        },
      };
      await enqueue(trx, IMPORT_RUN.name, job, { id: `${IMPORT_RUN.name}:${id}`, runAt: now, now });
      return created;
    });
    try {
      await files.put(file.bytes);
    } catch (error) {
      await repos.imports.update(
        id,
        { status: 'failed', errors: [{ row: 0, code: 'run_failed', reason: 'The file could not be stored.' }] },
        clock.now().toISOString(),
      );
      throw error;
    }
    return record;
  }

  /** A run the actor may see (their own, or any for admins and supervisors). */
  async get(actor: RequestActor, id: string): Promise<ImportView> {
    ImportService.authorize(actor);
    const record = await this.ctx.repos.imports.find(id);
    if (!record || !this.visible(actor, record)) throw new AppError('RESOURCE_NOT_FOUND');
    return ImportService.present(record);
  }

  /** Recent runs the actor may see. */
  async list(actor: RequestActor): Promise<ImportView[]> {
    ImportService.authorize(actor);
    const scope = visibility('importRun', actor);
    if (!scope.all && !scope.createdBy) return [];
    const records = await this.ctx.repos.imports.listRecent({ createdBy: scope.all ? undefined : scope.createdBy, limit: 50 });
    return records.map((r) => ImportService.present(r));
  }

  private visible(actor: RequestActor, record: ImportRecord): boolean {
    return reaches(actor, 'importRun', { createdBy: record.createdBy });
  }

  /** Problems and duplicate rows apart. */
  static present(record: ImportRecord): ImportView {
    return {
      ...record,
      errors: record.errors.filter((e) => e.code !== 'duplicate'),
      duplicateRows: record.errors.filter((e) => e.code === 'duplicate').map((e) => e.row),
    };
  }

  /**
   * The `import.run` job: runs (or resumes) an import. Its progress is written after every chunk;
   * a failure is retried from there by the queue, and reported on the run after the last attempt.
   */
  async runJob(job: ImportJob, run: JobRun): Promise<void> {
    const { repos, clock } = this.ctx;
    const record = await repos.imports.find(job.importId);
    if (!record || record.status !== 'running') return;
    const final = run.job.attempts >= run.job.maxAttempts;
    const bytes = await this.ctx.files.read(job.file.sha256);
    if (!bytes) {
      const reason = 'The uploaded file is not there.';
      if (!final) throw new Error(reason);
      await this.finishFailed(record, reason);
      return;
    }
    const sheet = await readSheet(bytes, job.file.name);
    const mapping = ImportService.checkMapping(record.mapping, sheet.columns);
    const actor: RequestActor = job.actor;
    const progress = {
      counts: { processed: record.processed, created: record.created, duplicates: record.duplicates, failed: record.failed },
      errors: record.errors.filter((e) => e.code !== 'duplicate' && e.code !== 'run_failed'),
      duplicates: record.errors.filter((e) => e.code === 'duplicate'),
    };
    const save = (status?: 'done') =>
      repos.imports.update(
        record.id,
        { ...progress.counts, errors: [...progress.errors, ...progress.duplicates], ...(status ? { status } : {}) },
        clock.now().toISOString(),
      );
    try {
      await this.process(sheet, mapping, actor, { dryRun: record.dryRun, channel: job.channel }, progress, run, save);
      await save('done');
      await this.release(job.file.sha256, run);
    } catch (error) {
      if (error instanceof JobInterrupted) throw error;
      if (final) {
        await this.finishFailed(record, error instanceof Error ? error.message : String(error), progress);
        await this.release(job.file.sha256, run);
      } else {
        // The next attempt resumes from here (the database may be what failed: then from the last chunk).
        await save().catch(() => undefined);
      }
      throw error;
    }
  }

  /** Marks a run failed for good with its reason (after the counts so far). */
  private async finishFailed(
    record: ImportRecord,
    reason: string,
    progress?: { counts: Record<'processed' | 'created' | 'duplicates' | 'failed', number>; errors: ImportRowError[]; duplicates: ImportRowError[] },
  ): Promise<void> {
    const errors = progress?.errors ?? [];
    await this.ctx.repos.imports.update(
      record.id,
      {
        ...(progress?.counts ?? {}),
        status: 'failed',
        errors: [...errors.slice(0, MAX_REPORTED - 1), { row: 0, code: 'run_failed', reason }, ...(progress?.duplicates ?? [])],
      },
      this.ctx.clock.now().toISOString(),
    );
  }

  /** Deletes a finished run's sheet unless an attachment or another waiting run has the same bytes. */
  private async release(sha256: string, run: JobRun): Promise<void> {
    const { repos, files } = this.ctx;
    if (await repos.attachments.isHashUsed(sha256)) return;
    for (const status of ['pending', 'running'] as const) {
      const others = await repos.jobs.list({ status, name: IMPORT_RUN.name, limit: 200 });
      if (others.some((j) => j.id !== run.job.id && (j.payload.file as { sha256?: unknown } | undefined)?.sha256 === sha256)) return;
    }
    await files.remove(sha256);
  }

  /**
   * Validates and enters the rows from where `progress` stopped; writes progress after every
   * chunk and stops there (progress saved) when the runner is stopping.
   */
  private async process(
    sheet: Sheet,
    mapping: ImportMapping,
    actor: RequestActor,
    options: { dryRun: boolean; channel: string },
    progress: { counts: Record<'processed' | 'created' | 'duplicates' | 'failed', number>; errors: ImportRowError[]; duplicates: ImportRowError[] },
    run: JobRun,
    save: () => Promise<void>,
  ): Promise<void> {
    const { repos } = this.ctx;
    const { counts, errors, duplicates } = progress;
    const lookups = await this.lookups();
    const column = (field: ImportField) => (mapping[field] ? sheet.columns.indexOf(mapping[field]) : -1);
    const index = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, column(f)])) as Record<ImportField, number>;
    const cellOf =
      (row: Sheet['rows'][number]) =>
      (field: ImportField): SheetCell =>
        index[field] >= 0 ? (row.cells[index[field]] ?? null) : null;
    // Rows before the resume point (an earlier attempt's) count again only for duplicates within the file.
    const seen = new Set<string>();
    for (const [i, row] of sheet.rows.slice(0, counts.processed).entries()) {
      if (i > 0 && i % ROWS_PER_TURN === 0) await yieldToLoop();
      const outcome = this.validate(cellOf(row), mapping, actor, lookups);
      if (outcome.ok) seen.add(outcome.sourceKey);
    }
    const duplicate = (row: number) => {
      counts.duplicates++;
      if (duplicates.length < MAX_REPORTED) duplicates.push({ row, code: 'duplicate', reason: 'Imported before (same source key).' });
    };
    for (let start = counts.processed; start < sheet.rows.length; start += CHUNK) {
      if (run.signal.aborted) {
        await save();
        throw new JobInterrupted();
      }
      for (const row of sheet.rows.slice(start, start + CHUNK)) {
        const outcome = this.validate(cellOf(row), mapping, actor, lookups);
        if (!outcome.ok) {
          counts.failed++;
          if (errors.length < MAX_REPORTED) errors.push({ row: row.row, code: outcome.code, reason: outcome.reason });
          counts.processed++;
          continue;
        }
        const known = seen.has(outcome.sourceKey) || (await repos.cases.findBySourceKey(outcome.sourceKey)) !== undefined;
        seen.add(outcome.sourceKey);
        if (known) {
          duplicate(row.row);
        } else if (options.dryRun) {
          counts.created++;
        } else {
          try {
            await this.ctx.intake.submit(outcome.input, {
              channel: options.channel,
              enteredBy: actor,
              receivedAt: outcome.receivedAt,
              sourceKey: outcome.sourceKey,
            });
            counts.created++;
          } catch (error) {
            if (isUniqueViolation(error) || (isAppError(error) && error.code === 'DUPLICATE')) {
              // Another run stored the same row a moment ago.
              duplicate(row.row);
            } else if (isAppError(error) && error.status < 500) {
              counts.failed++;
              const reason = error.details.length ? error.details.map((d) => `${d.path}: ${d.message ?? d.code}`).join('; ') : error.message;
              if (errors.length < MAX_REPORTED) errors.push({ row: row.row, code: 'rejected', reason });
            } else {
              throw error;
            }
          }
        }
        counts.processed++;
      }
      await save();
      await run.heartbeat();
      await yieldToLoop();
    }
  }

  private async lookups() {
    const { repos } = this.ctx;
    const [categories, units, kinds] = await Promise.all([repos.categories.listActive(), repos.units.listActive(), repos.appealKinds.list()]);
    return { categories, units, kinds: kinds.filter((k) => k.active), now: this.ctx.clock.now() };
  }

  /** Validates and converts one row; never throws for bad data. */
  private validate(
    cell: (field: ImportField) => SheetCell,
    mapping: ImportMapping,
    actor: RequestActor,
    lookups: { categories: CategoryRecord[]; units: UnitRecord[]; kinds: AppealKindRecord[]; now: Date },
  ): RowOutcome {
    const text = (field: ImportField) => cellText(cell(field)).trim();
    const fail = (code: string, reason: string): RowOutcome => ({ ok: false, code, reason });
    const quote = (v: string) => `“${Array.from(v).slice(0, 40).join('')}”`;

    const content = normaliseContent(cellText(cell('content')));
    const length = Array.from(content).length;
    if (!length) return fail('content_empty', 'Content is empty.');
    if (length < 5) return fail('content_too_short', 'Content is shorter than 5 characters.');
    if (length > 4000) return fail('content_too_long', `Content is longer than 4000 characters (${length}).`);

    let receivedAt: string | null = null;
    if (mapping.createdAt) {
      const raw = cell('createdAt');
      if (raw === null || cellText(raw).trim() === '') return fail('date_missing', 'The date is empty.');
      const date = parseChinaDate(raw);
      if (!date) return fail('date_invalid', `${quote(cellText(raw))} is not a date.`);
      if (date.getTime() > lookups.now.getTime() + 86_400_000) return fail('date_future', `${quote(cellText(raw))} is in the future.`);
      receivedAt = date.toISOString();
    }

    let phone: string | null = null;
    const rawPhone = text('reporterPhone');
    if (rawPhone) {
      const digits = rawPhone.replace(/[\s\-()（）]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
      if (!MOBILE.test(digits) && !LANDLINE.test(digits)) return fail('phone_invalid', `${quote(rawPhone)} is not a phone number.`);
      phone = digits;
    }

    let categoryId: string | undefined;
    const categoryName = text('category');
    if (categoryName) {
      const byId = new Map(lookups.categories.map((c) => [c.id, c]));
      const hit = resolveByName(
        categoryName,
        lookups.categories,
        (c) => [c.name, ...(c.parentId && byId.get(c.parentId) ? [`${byId.get(c.parentId)!.name}/${c.name}`, `${byId.get(c.parentId)!.name}-${c.name}`] : [])],
        // "城乡建设-其他": the child whose parent is named too wins; otherwise a top-level category.
        (c) => (c.parentId && categoryName.includes(byId.get(c.parentId)?.name ?? '\u0000') ? 2 : c.parentId ? 0 : 1),
      );
      if ('problem' in hit) return fail(`category_${hit.problem}`, `${hit.problem === 'unknown' ? 'Unknown' : 'Ambiguous'} category ${quote(categoryName)}.`);
      categoryId = hit.found.id;
    }

    let unitId: string | undefined;
    const unitName = text('unit');
    if (unitName) {
      const hit = resolveByName(
        unitName,
        lookups.units,
        (u) => [u.name, ...(u.region ? [u.region] : [])],
        (u) => (u.kind === 'station' ? 2 : u.kind === 'hub' ? 1 : 0),
      );
      if ('problem' in hit) return fail(`unit_${hit.problem}`, `${hit.problem === 'unknown' ? 'Unknown' : 'Ambiguous'} station ${quote(unitName)}.`);
      unitId = hit.found.id;
    }
    const named = unitId ? lookups.units.find((u) => u.id === unitId) : undefined;
    if (!can(actor, 'case.import.unit', { unitPath: named?.path }) && actor.scope.unitPath) {
      // Staff: their own station, unless the row names one inside their subtree.
      unitId = actor.scope.unitPath.split('/').filter(Boolean).at(-1);
    }

    let kind: string | undefined;
    const kindName = text('kind');
    if (kindName) {
      const lower = kindName.toLowerCase();
      const found =
        lookups.kinds.find((k) => k.code === lower || k.name === kindName || k.nameEn.toLowerCase() === lower) ??
        (() => {
          const contained = lookups.kinds.filter((k) => kindName.includes(k.name));
          return contained.length === 1 ? contained[0] : undefined;
        })();
      if (!found) return fail('kind_unknown', `Unknown appeal kind ${quote(kindName)}.`);
      kind = found.code;
    }

    const name = text('reporterName');
    if (Array.from(name).length > 50) return fail('name_too_long', 'The name is longer than 50 characters.');
    const address = text('address');
    if (Array.from(address).length > 200) return fail('address_too_long', 'The address is longer than 200 characters.');
    const title = Array.from(text('title').replace(/\s+/g, ' ')).slice(0, 100).join('');
    const sourceId = text('sourceId');
    if (mapping.sourceId && !sourceId) return fail('source_id_missing', 'The source id is empty.');
    const sourceKey = importSourceKey({ sourceId: mapping.sourceId ? sourceId : null, content, createdAt: receivedAt, phone });

    return {
      ok: true,
      receivedAt,
      sourceKey,
      input: {
        title: title || undefined,
        content,
        kind,
        categoryId,
        unitId,
        address: address || undefined,
        contact: name || phone ? { name: name || undefined, phone: phone ?? undefined } : undefined,
        anonymous: false,
        consentPublic: false,
      },
    };
  }
}
