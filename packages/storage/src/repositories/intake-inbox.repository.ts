/**
 * The intake inbox: a web-only instance acknowledges a public submission by storing one row (the
 * checked submission, as JSON) — about the cost of a bare insert — and workers open the rows as
 * cases in batches. Rows are claimed inside the opening transaction (`FOR UPDATE SKIP LOCKED` on
 * PostgreSQL), so two workers never open the same submission, and deleted in it, so a crash
 * leaves each submission either still in the inbox or opened, never both.
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
  createdAt: string;
  attempts: number;
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
  async addMany(entries: ReadonlyArray<{ id: string; trackingCode: string; payload: unknown; createdAt: string }>): Promise<void> {
    for (let start = 0; start < entries.length; start += ADD_CHUNK) {
      await this.db
        .insertInto('intake_inbox')
        .values(
          entries
            .slice(start, start + ADD_CHUNK)
            .map((e) => ({ id: e.id, tracking_code: e.trackingCode, payload: JSON.stringify(e.payload), created_at: e.createdAt })),
        )
        .execute();
    }
  }

  /** The waiting submission with this tracking code, if any. */
  async findByTrackingCode<T>(trackingCode: string): Promise<InboxEntry<T> | undefined> {
    const row = await this.db.selectFrom('intake_inbox').selectAll().where('tracking_code', '=', trackingCode).executeTakeFirst();
    return row ? toEntry<T>(row) : undefined;
  }

  /**
   * The oldest waiting submissions (ids are UUIDv7, so their order is arrival order; no second
   * index to keep up on every insert) with fewer than `maxAttempts` failed attempts; inside a
   * transaction on PostgreSQL they are locked, and rows locked by others are skipped.
   */
  async claim<T>(limit: number, maxAttempts: number): Promise<Array<InboxEntry<T>>> {
    const skipLocked = this.postgres ? sql`FOR UPDATE SKIP LOCKED` : sql``;
    const rows = await sql<{ id: string; tracking_code: string; payload: string; created_at: string; attempts: number }>`
      SELECT id, tracking_code, payload, created_at, attempts FROM intake_inbox
      WHERE attempts < ${maxAttempts} ORDER BY id LIMIT ${limit} ${skipLocked}`.execute(this.db);
    return rows.rows.map((r) => toEntry<T>(r));
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

  /** Submissions waiting, and those given up on after `maxAttempts` failures (for metrics and operators). */
  async counts(maxAttempts: number): Promise<{ waiting: number; failed: number }> {
    const row = await this.db
      .selectFrom('intake_inbox')
      .select((eb) => [
        eb.fn.countAll<string | number>().as('total'),
        eb.fn.sum<string | number | null>(eb.case().when('attempts', '>=', maxAttempts).then(1).else(0).end()).as('failed'),
      ])
      .executeTakeFirstOrThrow();
    const failed = Number(row.failed ?? 0);
    return { waiting: Number(row.total) - failed, failed };
  }
}

function toEntry<T>(row: { id: string; tracking_code: string; payload: string; created_at: string; attempts: number }): InboxEntry<T> {
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    payload: parseJson<T>(row.payload, null as T),
    createdAt: row.created_at,
    attempts: Number(row.attempts),
  };
}
