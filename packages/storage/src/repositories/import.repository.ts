/**
 * Import runs of paper registers and legacy systems: one row per uploaded file, with
 * its progress counters and the first errors, updated as the run proceeds.
 */
import type { Selectable } from 'kysely';
import type { DB } from '../database';
import type { ImportsTable } from '../schema';
import { fromBool, parseJson, toBool } from '../sql-helpers';

/** State of an import run. */
export type ImportStatus = 'running' | 'done' | 'failed';

/** One reported problem: the sheet row (1-based, header is row 1) and why it was skipped. */
export interface ImportRowError {
  row: number;
  /** Machine-readable reason, e.g. `content_empty`, `date_invalid`, `duplicate`. */
  code?: string;
  reason: string;
}

/** An import run as the application sees it. */
export interface ImportRecord {
  id: string;
  fileName: string;
  status: ImportStatus;
  dryRun: boolean;
  mapping: Record<string, string | null>;
  total: number;
  processed: number;
  created: number;
  duplicates: number;
  failed: number;
  errors: ImportRowError[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Counters and state written while a run proceeds. */
export type ImportProgress = Partial<Pick<ImportRecord, 'status' | 'total' | 'processed' | 'created' | 'duplicates' | 'failed' | 'errors'>>;

function toRecord(row: Selectable<ImportsTable>): ImportRecord {
  return {
    id: row.id,
    fileName: row.file_name,
    status: row.status as ImportStatus,
    dryRun: toBool(row.dry_run),
    mapping: parseJson<Record<string, string | null>>(row.mapping, {}),
    total: Number(row.total),
    processed: Number(row.processed),
    created: Number(row.created),
    duplicates: Number(row.duplicates),
    failed: Number(row.failed),
    errors: parseJson<ImportRowError[]>(row.errors, []),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Reads and writes import runs. */
export class ImportRepository {
  constructor(private readonly db: DB) {}

  /** Records a new run. */
  async create(input: {
    id: string;
    fileName: string;
    status: ImportStatus;
    dryRun: boolean;
    mapping: Record<string, string | null>;
    total: number;
    createdBy: string | null;
    now: string;
  }): Promise<ImportRecord> {
    await this.db
      .insertInto('imports')
      .values({
        id: input.id,
        file_name: input.fileName,
        status: input.status,
        dry_run: fromBool(input.dryRun),
        mapping: JSON.stringify(input.mapping),
        total: input.total,
        created_by: input.createdBy,
        created_at: input.now,
        updated_at: input.now,
      })
      .execute();
    return this.get(input.id);
  }

  /** Writes progress of a run. */
  async update(id: string, progress: ImportProgress, now: string): Promise<void> {
    await this.db
      .updateTable('imports')
      .set({
        status: progress.status,
        total: progress.total,
        processed: progress.processed,
        created: progress.created,
        duplicates: progress.duplicates,
        failed: progress.failed,
        errors: progress.errors === undefined ? undefined : JSON.stringify(progress.errors),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  /** A run, or undefined. */
  async find(id: string): Promise<ImportRecord | undefined> {
    const row = await this.db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** A run that must exist. */
  async get(id: string): Promise<ImportRecord> {
    const found = await this.find(id);
    if (!found) throw new Error(`import ${id} not found`);
    return found;
  }

  /** Recent runs, newest first, optionally only those one user started. */
  async listRecent(options: { createdBy?: string | undefined; limit?: number | undefined } = {}): Promise<ImportRecord[]> {
    let query = this.db.selectFrom('imports').selectAll();
    if (options.createdBy) query = query.where('created_by', '=', options.createdBy);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.min(Math.max(options.limit ?? 50, 1), 200))
      .execute();
    return rows.map(toRecord);
  }
}
