/**
 * The intake inbox: a web-only instance acknowledges a public submission by storing one row (the
 * checked submission, as JSON) — about the cost of a bare insert — and workers open the rows as
 * cases in batches. Rows are claimed inside the opening transaction (`FOR UPDATE SKIP LOCKED` on
 * PostgreSQL), so two workers never open the same submission, and deleted in it, so a crash
 * leaves each submission either still in the inbox or opened, never both. Each row says which
 * version of the payload it holds (`payload_version`, 0050): a worker claims only the versions
 * it knows and leaves the others waiting (counted as `unknownVersion`).
 */
import { sql } from 'kysely';
import { PostgresAdapter } from 'kysely';
import type { DB } from '../database';
import { parseJson } from '../sql-helpers';

/** A submission waiting in the inbox. */
export interface InboxEntry<T = unknown> {
  id: string;
  trackingCode: string;
  payload: T;
  /** The payload's version. */
  version: number;
  createdAt: string;
  attempts: number;
}

/** What the inbox holds, for metrics and operators. */
export interface InboxCounts {
  /** Waiting to be opened (a known version, not given up on). */
  waiting: number;
  /** Given up on after `maxAttempts` failures (or set aside at once: a payload that does not fit its version). */
  failed: number;
  /** Of a payload version this code does not know: kept for a worker that does. */
  unknownVersion: number;
}

/** Rows per multi-row insert. */
const ADD_CHUNK = 200;

/** Reads and writes the intake inbox. */
export class IntakeInboxRepository {
  private readonly postgres: boolean;

  constructor(private readonly db: DB) {
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  /** Stores submissions (a few multi-row statements). */
  async addMany(entries: ReadonlyArray<{ id: string; trackingCode: string; payload: unknown; version: number; createdAt: string }>): Promise<void> {
    for (let start = 0; start < entries.length; start += ADD_CHUNK) {
      await this.db
        .insertInto('intake_inbox')
        .values(
          entries.slice(start, start + ADD_CHUNK).map((e) => ({
            id: e.id,
            tracking_code: e.trackingCode,
            payload: JSON.stringify(e.payload),
            payload_version: e.version,
            created_at: e.createdAt,
          })),
        )
        .execute();
    }
  }

  /** The waiting submission with this tracking code, if any. */
  async findByTrackingCode(trackingCode: string): Promise<InboxEntry | undefined> {
    const row = await this.db.selectFrom('intake_inbox').selectAll().where('tracking_code', '=', trackingCode).executeTakeFirst();
    return row ? toEntry(row) : undefined;
  }

  /**
   * The oldest waiting submissions (ids are UUIDv7, so their order is arrival order; no second
   * index to keep up on every insert) of the payload `versions` given, with fewer than
   * `maxAttempts` failed attempts; inside a transaction on PostgreSQL they are locked, and rows
   * locked by others are skipped.
   */
  async claim(limit: number, maxAttempts: number, versions: readonly number[]): Promise<InboxEntry[]> {
    const skipLocked = this.postgres ? sql`FOR UPDATE SKIP LOCKED` : sql``;
    const rows = await sql<InboxRow>`
      SELECT id, tracking_code, payload, payload_version, created_at, attempts FROM intake_inbox
      WHERE attempts < ${maxAttempts} AND payload_version IN (${sql.join(versions)}) ORDER BY id LIMIT ${limit} ${skipLocked}`.execute(this.db);
    return rows.rows.map(toEntry);
  }

  /**
   * Of `ids`, those still waiting, locked for this transaction on PostgreSQL (rows another
   * worker holds are skipped; rows it opened are gone). Call inside a transaction.
   */
  async lock(ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const skipLocked = this.postgres ? sql`FOR UPDATE SKIP LOCKED` : sql``;
    const rows = await sql<{ id: string }>`SELECT id FROM intake_inbox WHERE id IN (${sql.join(ids)}) ${skipLocked}`.execute(this.db);
    return rows.rows.map((r) => r.id);
  }

  /** Removes opened submissions. */
  async remove(ids: readonly string[]): Promise<void> {
    for (let start = 0; start < ids.length; start += ADD_CHUNK) {
      await this.db
        .deleteFrom('intake_inbox')
        .where('id', 'in', ids.slice(start, start + ADD_CHUNK))
        .execute();
    }
  }

  /** Counts a failed attempt to open a submission (it is retried until `maxAttempts`). */
  async recordFailure(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('intake_inbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 500) }))
      .where('id', '=', id)
      .execute();
  }

  /** Sets submissions aside at once (a payload that does not fit its version): counted as failed, never claimed again. */
  async setAside(ids: readonly string[], reason: string, maxAttempts: number): Promise<void> {
    if (!ids.length) return;
    await this.db
      .updateTable('intake_inbox')
      .set({ attempts: maxAttempts, last_error: reason.slice(0, 500) })
      .where('id', 'in', ids)
      .execute();
  }

  /** Submissions waiting, given up on after `maxAttempts` failures, and of versions other than `versions` (for metrics and operators). */
  async counts(maxAttempts: number, versions: readonly number[]): Promise<InboxCounts> {
    const row = await this.db
      .selectFrom('intake_inbox')
      .select((eb) => [
        eb.fn.countAll<string | number>().as('total'),
        eb.fn
          .sum<string | number | null>(
            eb
              .case()
              .when(eb.and([eb('attempts', '>=', maxAttempts), eb('payload_version', 'in', versions)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('failed'),
        eb.fn.sum<string | number | null>(eb.case().when('payload_version', 'not in', versions).then(1).else(0).end()).as('unknown'),
      ])
      .executeTakeFirstOrThrow();
    const failed = Number(row.failed ?? 0);
    const unknownVersion = Number(row.unknown ?? 0);
    return { waiting: Number(row.total) - failed - unknownVersion, failed, unknownVersion };
  }
}

interface InboxRow {
  id: string;
  tracking_code: string;
  payload: string;
  payload_version: number;
  created_at: string;
  attempts: number;
}

function toEntry(row: InboxRow): InboxEntry {
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    payload: parseJson<unknown>(row.payload, null),
    version: Number(row.payload_version),
    createdAt: row.created_at,
    attempts: Number(row.attempts),
  };
}
