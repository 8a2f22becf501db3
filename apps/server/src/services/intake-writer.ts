/**
 * Intake's group commit: submissions that arrive while a write is under way are stored together
 * in the next transaction (case rows, first events, jobs, idempotency answers — a few multi-row
 * statements and one commit for the lot), and each caller is answered only after that commit, so
 * nothing acknowledged can be lost. One submission alone is written at once, without waiting.
 * When a batch fails, each of its submissions is retried alone, so one bad row (a duplicate import
 * key, say) fails only its own request.
 */
import { inTransaction, type CaseRecord, type DB, type Repositories } from '@lianxin/storage';
import type { OpenedCaseRows } from './case-store';
import { enqueueWebhookEvents } from './webhook-events';

/** Most submissions per transaction. */
const MAX_BATCH = 256;

/** One submission to store. */
export interface IntakeWrite {
  rows: OpenedCaseRows;
  /** Full-text tokens of the case (indexed in the same write). */
  searchTokens: string | null;
  attachmentIds: readonly string[];
  /** The answer to keep under the request's idempotency key (stored in the same transaction). */
  idempotency: { scope: string; key: string; requestHash: string; status: number; response: unknown; createdAt: string } | null;
}

/** The outcome: the stored case, or `claimed` when the idempotency key had been used before (nothing stored). */
export type IntakeWriteResult = { stored: CaseRecord } | { claimed: true };

interface Pending {
  write: IntakeWrite;
  resolve: (result: IntakeWriteResult) => void;
  reject: (error: unknown) => void;
}

/** Writes submissions in batches. */
export class IntakeWriter {
  private queue: Pending[] = [];
  private busy = false;

  constructor(private readonly db: DB) {}

  /** Stores one submission; resolves after its transaction committed. */
  write(write: IntakeWrite): Promise<IntakeWriteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      if (!this.busy) {
        this.busy = true;
        // Let the requests already read from the network in this turn join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.flush(batch);
      }
    } finally {
      this.busy = false;
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      const results = await this.store(batch.map((p) => p.write));
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      for (const p of batch) {
        try {
          p.resolve((await this.store([p.write]))[0]);
        } catch (single) {
          p.reject(single);
        }
      }
    }
  }

  /** Stores `writes` in one transaction. */
  private store(writes: readonly IntakeWrite[]): Promise<IntakeWriteResult[]> {
    return inTransaction(this.db, async (trx: Repositories) => {
      const winners = await claimKeys(trx, writes);
      const storing = writes.filter((_, i) => winners[i]);
      const stored = await trx.cases.insertMany(storing.map((w) => ({ record: w.rows.record, events: w.rows.events, searchTokens: w.searchTokens })));
      for (const w of storing) {
        if (w.attachmentIds.length) await trx.attachments.link([...w.attachmentIds], w.rows.record.id, null);
      }
      const jobs = storing.flatMap((w) => w.rows.jobs);
      if (jobs.length) await trx.jobs.enqueueMany(jobs);
      // Outside systems hear of new cases through the same transaction (webhook fan-out jobs).
      if (storing.length)
        await enqueueWebhookEvents(
          trx,
          storing.map((w) => ({ caseId: w.rows.record.id, events: w.rows.events })),
          storing[0].rows.events[0].at,
        );
      let next = 0;
      return writes.map((_, i): IntakeWriteResult => (winners[i] ? { stored: stored[next++] } : { claimed: true }));
    });
  }
}

/**
 * Claims the idempotency keys of `writes` with their answers; true for each write that may be
 * stored (no key, or the first use of its key — within the batch too).
 */
async function claimKeys(trx: Repositories, writes: readonly IntakeWrite[]): Promise<boolean[]> {
  const first = new Map<string, number>();
  const byScope = new Map<string, Array<NonNullable<IntakeWrite['idempotency']>>>();
  writes.forEach((w, i) => {
    const k = w.idempotency;
    if (!k || first.has(`${k.scope}:${k.key}`)) return;
    first.set(`${k.scope}:${k.key}`, i);
    const rows = byScope.get(k.scope) ?? [];
    rows.push(k);
    byScope.set(k.scope, rows);
  });
  const claimed = new Set<string>();
  for (const [scope, rows] of byScope) {
    for (const key of await trx.idempotency.claimCompleted(scope, rows)) claimed.add(`${scope}:${key}`);
  }
  return writes.map((w, i) => {
    const k = w.idempotency;
    if (!k) return true;
    const id = `${k.scope}:${k.key}`;
    return first.get(id) === i && claimed.has(id);
  });
}
