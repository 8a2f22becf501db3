/**
 * Small helpers every repository uses: paging, case-insensitive search, booleans and
 * JSON columns, and turning engine errors into AppErrors.
 */
import { AppError } from '@lianxin/core';
import { sql, type Expression, type SqlBool } from 'kysely';

/** A page of records. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** Paging and text search shared by list methods. */
export interface ListOptions {
  q?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
  includeInactive?: boolean | undefined;
}

/** Offset and limit for a 1-based page. */
export function pageWindow(options: ListOptions): { limit: number; offset: number } {
  const pageSize = Math.min(Math.max(options.pageSize ?? 20, 1), 500);
  const page = Math.max(options.page ?? 1, 1);
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

/** Escapes LIKE wildcards so user text matches literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(column) LIKE lower(%text%)` on both engines, with `\` as the escape. */
export function containsText(column: string, text: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like lower(${likePattern(text)}) escape '\\'`;
}

/** 0/1 column to boolean. */
export const toBool = (v: number | null | undefined): boolean => v === 1;
/** boolean to 0/1 column. */
export const fromBool = (v: boolean): number => (v ? 1 : 0);

/** Parses a JSON text column, with a fallback for null or garbage. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** True when the engine reported a unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | null;
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}

/** True when the engine reported a foreign-key violation. */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string } | null;
  return !!e && (e.code === '23503' || e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY');
}

/**
 * True when PostgreSQL refused a value itself (SQLSTATE class 22, "data exception": an integer out
 * of its column's range, a NUL byte in text, an impossible date). Such a value came from the
 * request; SQLite, with its loose types, never raises these.
 */
export function isDataException(error: unknown): boolean {
  const e = error as { code?: unknown } | null;
  return !!e && typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code);
}

/** Runs a write and turns constraint violations into documented AppErrors. */
export async function guardWrite<T>(write: () => Promise<T>, what: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('DUPLICATE', { message: `${what} already exists.` });
    if (isForeignKeyViolation(error)) throw new AppError('REFERENCE_INVALID');
    throw error;
  }
}

/**
 * Applies an optimistic-locking update outcome: nothing updated means the row is gone
 * (404) or someone else bumped its version first (409).
 */
export function assertUpdated(updatedRows: bigint | number, exists: boolean, what: string): void {
  if (Number(updatedRows) > 0) return;
  if (!exists) throw new AppError('RESOURCE_NOT_FOUND', { message: `${what} not found.` });
  throw new AppError('VERSION_CONFLICT');
}

/** SQLite result codes (primary or extended) that mean the database cannot be written or reached now. */
const SQLITE_UNAVAILABLE = /^SQLITE_(FULL|IOERR|CANTOPEN|READONLY|BUSY|NOTADB|CORRUPT|PROTOCOL)/;

/**
 * PostgreSQL SQLSTATEs of an unreachable or unwritable database: class 08 (connection exception),
 * 53 (insufficient resources: 53100 disk full, 53300 too many connections), 57P01–57P03 (shutdown,
 * crash, starting up), 3D000 (the database does not exist), 58 (system / I/O error).
 */
const PG_UNAVAILABLE = /^(08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P0[1-3]|3D000|58[0-9A-Z]{3})$/;

/** Socket-level failures of the PostgreSQL connection (no SQLSTATE). */
const NET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** node-postgres reports a lost connection or an exhausted pool by message only. */
const PG_LOST_MESSAGE =
  /Connection terminated|Client has encountered a connection error|Connection ended|timeout exceeded when trying to connect|Client was closed|Cannot use a pool after calling end/i;

/**
 * True when the database itself is out of reach or cannot take writes — a full disk, a deleted,
 * moved or read-only SQLite file, I/O errors, a PostgreSQL server that is down, restarting, out of
 * disk, or whose database is gone. Such a failure is not the request's fault and may pass: the
 * server answers 503 with Retry-After instead of 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | null, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (SQLITE_UNAVAILABLE.test(code) || PG_UNAVAILABLE.test(code) || NET_UNAVAILABLE.has(code)) return true;
    if (typeof e.message === 'string' && PG_LOST_MESSAGE.test(e.message)) return true;
  }
  return false;
}
