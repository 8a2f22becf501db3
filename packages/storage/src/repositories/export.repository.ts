/**
 * Exports that run as jobs: one row per requested file, with its progress while the worker
 * writes it, the stored file once done and when that file expires. Rows stay after expiry (the
 * audit log refers to them); only the file goes.
 */
import type { Selectable } from 'kysely';
import type { DB } from '../database';
import type { ExportsTable } from '../schema';
import { fromBool, parseJson, toBool } from '../sql-helpers';

/** State of an export: queued for the worker, being written, ready to download, failed, or its file removed. */
export type ExportStatus = 'queued' | 'running' | 'done' | 'failed' | 'expired';

/** An export as the application sees it. */
export interface ExportRecord {
  id: string;
  kind: string;
  format: string;
  status: ExportStatus;
  includeContact: boolean;
  /** The filters it was asked with (as the list takes them). */
  filters: Record<string, unknown>;
  /** Rows it will hold (null until counted). */
  total: number | null;
  /** Rows written so far. */
  processed: number;
  fileName: string | null;
  fileSha256: string | null;
  fileSize: number | null;
  error: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  expiresAt: string | null;
}

/** What the worker writes while it proceeds and when it ends. */
export type ExportProgress = Partial<
  Pick<ExportRecord, 'status' | 'total' | 'processed' | 'fileName' | 'fileSha256' | 'fileSize' | 'error' | 'finishedAt' | 'expiresAt'>
>;

const num = (v: number | string | null) => (v === null ? null : Number(v));

function toRecord(row: Selectable<ExportsTable>): ExportRecord {
  return {
    id: row.id,
    kind: row.kind,
    format: row.format,
    status: row.status as ExportStatus,
    includeContact: toBool(row.include_contact),
    filters: parseJson<Record<string, unknown>>(row.filters, {}),
    total: num(row.total),
    processed: Number(row.processed),
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    fileSize: num(row.file_size),
    error: row.error,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    expiresAt: row.expires_at,
  };
}

/** Reads and writes exports. */
export class ExportRepository {
  constructor(private readonly db: DB) {}

  /** Records a requested export (queued). */
  async create(input: {
    id: string;
    kind: string;
    format: string;
    includeContact: boolean;
    filters: Record<string, unknown>;
    createdBy: string;
    now: string;
  }): Promise<ExportRecord> {
    await this.db
      .insertInto('exports')
      .values({
        id: input.id,
        kind: input.kind,
        format: input.format,
        status: 'queued',
        include_contact: fromBool(input.includeContact),
        filters: JSON.stringify(input.filters),
        created_by: input.createdBy,
        created_at: input.now,
        updated_at: input.now,
      })
      .execute();
    return (await this.find(input.id))!;
  }

  /** Writes progress or the outcome. */
  async update(id: string, progress: ExportProgress, now: string): Promise<void> {
    await this.db
      .updateTable('exports')
      .set({
        status: progress.status,
        total: progress.total,
        processed: progress.processed,
        file_name: progress.fileName,
        file_sha256: progress.fileSha256,
        file_size: progress.fileSize,
        error: progress.error,
        finished_at: progress.finishedAt,
        expires_at: progress.expiresAt,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  /** An export, or undefined. */
  async find(id: string): Promise<ExportRecord | undefined> {
    const row = await this.db.selectFrom('exports').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** One user's recent exports, newest first. */
  async listByOwner(createdBy: string, limit = 20): Promise<ExportRecord[]> {
    const rows = await this.db
      .selectFrom('exports')
      .selectAll()
      .where('created_by', '=', createdBy)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.min(Math.max(limit, 1), 100))
      .execute();
    return rows.map(toRecord);
  }

  /** Finished exports whose file expired before `now` (still marked done), oldest first. */
  async expiredBefore(now: string, limit = 100): Promise<ExportRecord[]> {
    const rows = await this.db
      .selectFrom('exports')
      .selectAll()
      .where('expires_at', '<', now)
      .where('status', '=', 'done')
      .orderBy('expires_at')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  /** Whether an export other than `exceptId` still offers the file `sha256` (identical exports share one stored file). */
  async fileInUse(sha256: string, exceptId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('exports')
      .select('id')
      .where('file_sha256', '=', sha256)
      .where('status', '=', 'done')
      .where('id', '!=', exceptId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
