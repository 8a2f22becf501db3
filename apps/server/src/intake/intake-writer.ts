/**
 * Intake's group commit: submissions that arrive while a write is under way are stored together
 * in the next transaction, and each caller is answered only after that commit, so nothing
 * acknowledged can be lost. One submission alone is written at once, without waiting. When a
 * batch fails, each of its submissions is retried alone, so one bad row (a duplicate import key,
 * say) fails only its own request.
 *
 * Two ways to store a submission: `open` opens its case in the request's transaction (case rows,
 * first events, jobs, webhook fan-out, idempotency answers — a few multi-row statements); `queue`
 * stores only one intake-inbox row plus its idempotency answer, the least a durable
 * acknowledgement needs, and a worker opens the case soon after (intake-inbox.worker.ts).
 */
import type { CaseActor } from '@lianxin/core';
import { inTransaction, type AttachmentOwner, type CaseRecord, type DB, type NewCase, type Repositories } from '@lianxin/storage';
import { unusableAttachments } from '../platform/attachment.service';
import type { OpenedCaseRows } from '../cases/case-store';
import { enqueueWebhookEvents } from '../integrations/webhook-events';
import { enqueueAll } from '../platform/jobs/enqueue';

/** Most submissions per transaction. */
const MAX_BATCH = 256;

/** A case to open: its rows, search tokens and the uploads it takes (JSON-safe: it may wait in the inbox). */
export interface CaseWrite {
  rows: OpenedCaseRows;
  /** Full-text tokens of the case (indexed in the same write). */
  searchTokens: string | null;
  attachmentIds: readonly string[];
  /** Whose uploads these are (absent in inbox rows queued before migration 0020). */
  uploader?: AttachmentOwner | null;
}

/**
 * A submission checked in the request, everything fixed that the submitter is told or that must
 * not change (JSON-safe: in the intake inbox it waits for a worker to open it; intake.service.ts).
 */
export interface CheckedSubmission {
  fields: NewCase;
  actor: CaseActor;
  actorName: string | null;
  attachmentIds: string[];
  /** Whose uploads `attachmentIds` are (absent in inbox rows queued before migration 0020). */
  uploader?: AttachmentOwner | null;
  secret: string | null;
  hasPhone: boolean;
  textFlags: string[];
  /** When the request came in: the workflow's clocks start here… */
  nowIso: string;
  /** …or, for an offline opinion recorded after the fact, when it was received (see `IntakeSource.clockFromReceived`). */
  receivedAt?: string | null;
}

/** Version of the `CheckedSubmission` shape stored in the intake inbox (schemas per version: inbox-payload.ts). */
export const INBOX_PAYLOAD_VERSION = 1;

/** One submission to store: a case to open now, or a checked submission to queue in the inbox. */
export type IntakeWrite = ({ open: CaseWrite } | { queue: CheckedSubmission }) & {
  /** The answer to keep under the request's idempotency key (stored in the same transaction). */
  idempotency: { scope: string; key: string; requestHash: string; status: number; response: unknown; createdAt: string } | null;
};

/**
 * The outcome: the opened case (`direct`), `queued` when it waits in the inbox, or `claimed` when
 * the idempotency key had been used before (nothing stored).
 */
export type IntakeWriteResult = { stored: CaseRecord } | { queued: true } | { claimed: true };

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
      const opening = writes.flatMap((w, i) => (winners[i] && 'open' in w ? [w.open] : []));
      const queueing = writes.flatMap((w, i) => (winners[i] && 'queue' in w ? [w.queue] : []));
      const stored = new Map((await openCases(trx, opening, { strictAttachments: true })).map((r) => [r.id, r]));
      await trx.intakeInbox.addMany(
        queueing.map((q) => ({
          id: q.fields.id,
          trackingCode: q.fields.trackingCode,
          payload: q,
          version: INBOX_PAYLOAD_VERSION,
          createdAt: q.fields.createdAt,
        })),
      );
      return writes.map((w, i): IntakeWriteResult => {
        if (!winners[i]) return { claimed: true };
        return 'open' in w ? { stored: stored.get(w.open.rows.record.id)! } : { queued: true };
      });
    });
  }
}

/**
 * Opens cases inside `trx`: case rows with their first events and search tokens, uploads, jobs,
 * webhook fan-out. With `strictAttachments` (a request still waiting for its answer) an upload
 * taken meanwhile fails the write with 422; a submission already acknowledged (the intake inbox)
 * opens with the uploads still free and its submitter's.
 */
export async function openCases(trx: Repositories, writes: readonly CaseWrite[], options: { strictAttachments?: boolean } = {}): Promise<CaseRecord[]> {
  if (!writes.length) return [];
  const stored = await trx.cases.insertMany(writes.map((w) => ({ record: w.rows.record, events: w.rows.events, searchTokens: w.searchTokens })));
  for (const w of writes) {
    if (!w.attachmentIds.length) continue;
    const ids = [...new Set(w.attachmentIds)];
    // No uploader on a fresh submission means nobody's files may be attached (checked before; kept here).
    if (w.uploader === null) {
      if (options.strictAttachments) throw unusableAttachments(ids);
      continue;
    }
    const linked = await trx.attachments.link(ids, w.rows.record.id, null, w.uploader);
    if (linked < ids.length && options.strictAttachments) throw unusableAttachments(ids);
  }
  await enqueueAll(
    trx,
    writes.flatMap((w) => w.rows.jobs),
  );
  // Outside systems hear of new cases through the same transaction (webhook fan-out jobs).
  await enqueueWebhookEvents(
    trx,
    writes.map((w) => ({ caseId: w.rows.record.id, events: w.rows.events })),
    writes[0].rows.events[0].at,
  );
  return stored;
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
