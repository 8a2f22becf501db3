/**
 * Idempotency keys: a retried request with the same key gets the first answer instead
 * of doing the work twice (a double tap on a slow network creates one case).
 */
import type { DB } from '../database';
import { parseJson } from '../sql-helpers';

/** A stored first answer. */
export interface IdempotentResult {
  requestHash: string;
  status: number | null;
  response: unknown;
}

/** Keys per multi-row insert. */
const CLAIM_CHUNK = 500;

/** Reads and writes idempotency keys. */
export class IdempotencyRepository {
  constructor(private readonly db: DB) {}

  /**
   * Claims `key` for a request; true when this caller claimed it (and must do the work),
   * false when it was claimed before (read the stored result).
   */
  async claim(scope: string, key: string, requestHash: string, now: string): Promise<boolean> {
    const result = await this.db
      .insertInto('idempotency_keys')
      .values({ key: `${scope}:${key}`, scope, request_hash: requestHash, status: null, response: null, created_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /**
   * Claims many keys with their answers already known (the answer is stored in the same
   * transaction as the work, so a claimed key is never left without one). Keys claimed before
   * are left alone; returns the keys this call claimed.
   */
  async claimCompleted(
    scope: string,
    rows: ReadonlyArray<{ key: string; requestHash: string; status: number; response: unknown; createdAt: string }>,
  ): Promise<Set<string>> {
    const claimed = new Set<string>();
    for (let start = 0; start < rows.length; start += CLAIM_CHUNK) {
      const inserted = await this.db
        .insertInto('idempotency_keys')
        .values(
          rows.slice(start, start + CLAIM_CHUNK).map((r) => ({
            key: `${scope}:${r.key}`,
            scope,
            request_hash: r.requestHash,
            status: r.status,
            response: JSON.stringify(r.response),
            created_at: r.createdAt,
          })),
        )
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .execute();
      for (const row of inserted) claimed.add(row.key.slice(scope.length + 1));
    }
    return claimed;
  }

  /** Stores the answer for a claimed key. */
  async complete(scope: string, key: string, status: number, response: unknown): Promise<void> {
    await this.db
      .updateTable('idempotency_keys')
      .set({ status, response: JSON.stringify(response) })
      .where('key', '=', `${scope}:${key}`)
      .execute();
  }

  /** The stored result of a key, or undefined. */
  async find(scope: string, key: string): Promise<IdempotentResult | undefined> {
    const row = await this.db.selectFrom('idempotency_keys').selectAll().where('key', '=', `${scope}:${key}`).executeTakeFirst();
    return row ? { requestHash: row.request_hash, status: row.status, response: parseJson<unknown>(row.response, null) } : undefined;
  }

  /** Forgets a claim whose work failed, so a retry may try again. */
  async release(scope: string, key: string): Promise<void> {
    await this.db.deleteFrom('idempotency_keys').where('key', '=', `${scope}:${key}`).where('status', 'is', null).execute();
  }

  /** Removes keys older than `before`. */
  async deleteBefore(before: string): Promise<number> {
    const result = await this.db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
