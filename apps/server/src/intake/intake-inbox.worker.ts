/**
 * The worker's half of the intake inbox: opens the submissions web-only instances acknowledged
 * (intake-writer.ts, `inbox` mode) as cases, oldest first, a batch per transaction. Claiming,
 * opening and deleting happen in one transaction, so after a crash each submission is either
 * still waiting or opened, and several workers on PostgreSQL never open one twice (SKIP LOCKED).
 * A batch that fails is retried one submission at a time; a submission that keeps failing is
 * set aside after MAX_ATTEMPTS and counted in the metrics for an operator to look at.
 */
import { createRepositories, inTransaction, type CaseRecord, type DB } from '@lianxin/storage';
import { openCases, type CaseWrite, type CheckedSubmission } from './intake-writer';

/** Submissions opened per transaction. */
const BATCH = 256;
/** Failed attempts after which a submission is left for an operator. */
export const INBOX_MAX_ATTEMPTS = 5;

/** Opens inbox submissions as cases. */
export class IntakeInboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly db: DB,
    private readonly options: {
      pollMs: number;
      /**
       * Builds the case a checked submission opens (IntakeService.open); `earlier` counts the
       * submissions from the same phone opened before it in the same batch (not yet stored).
       */
      open: (submission: CheckedSubmission, earlier: number) => Promise<CaseWrite>;
      /** Told about every opened case (the near-duplicate index). */
      opened?: (record: CaseRecord) => void;
      log?: (level: 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;
    },
  ) {}

  /** Polls the inbox until stopped. */
  start(): void {
    this.stopped = false;
    const tick = async () => {
      await this.drain().catch((error: unknown) => this.options.log?.('error', 'intake inbox drain failed', { error: String(error) }));
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.options.pollMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  /** Stops polling and waits for the batch under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => 0);
  }

  /** Opens every waiting submission (batch after batch); returns how many were opened. */
  async drain(): Promise<number> {
    this.running ??= (async () => {
      let total = 0;
      for (;;) {
        const opened = await this.openBatch();
        total += opened;
        if (opened < BATCH || this.stopped) return total;
      }
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Opens one batch; on failure, its submissions one by one. Returns how many were opened. */
  private async openBatch(): Promise<number> {
    try {
      return await this.open(BATCH);
    } catch (error) {
      this.options.log?.('warn', 'intake inbox batch failed; opening one by one', { error: String(error) });
    }
    // One at a time: a bad submission fails only itself (its attempts are counted).
    let opened = 0;
    for (let i = 0; i < BATCH; i++) {
      let tried: string[] = [];
      try {
        const n = await this.open(1, (ids) => (tried = ids));
        if (n === 0) break;
        opened += n;
      } catch (error) {
        for (const id of tried) await createRepositories(this.db).intakeInbox.recordFailure(id, String(error));
        this.options.log?.('error', 'intake inbox submission failed', { ids: tried, error: String(error) });
      }
    }
    return opened;
  }

  /**
   * Opens up to `limit` of the oldest submissions and removes them from the inbox. The cases are
   * built first (reads only); then one transaction claims the rows — on PostgreSQL skipping those
   * another worker holds — and stores the cases of the rows it got.
   */
  private async open(limit: number, claimed?: (ids: string[]) => void): Promise<number> {
    const peeked = await createRepositories(this.db).intakeInbox.claim<CheckedSubmission>(limit, INBOX_MAX_ATTEMPTS);
    if (!peeked.length) return 0;
    claimed?.(peeked.map((e) => e.id));
    const writes = new Map<string, CaseWrite>();
    const perPhone = new Map<string, number>();
    for (const entry of peeked) {
      const phone = entry.payload.fields?.reporterPhoneHash ?? null;
      const earlier = phone ? (perPhone.get(phone) ?? 0) : 0;
      if (phone) perPhone.set(phone, earlier + 1);
      writes.set(entry.id, await this.options.open(entry.payload, earlier));
    }
    const stored = await inTransaction(this.db, async (trx) => {
      const mine = (await trx.intakeInbox.lock(peeked.map((e) => e.id))).filter((id) => writes.has(id));
      if (!mine.length) return [];
      const records = await openCases(
        trx,
        mine.map((id) => writes.get(id)!),
      );
      await trx.intakeInbox.remove(mine);
      return records;
    });
    for (const record of stored) this.options.opened?.(record);
    return stored.length;
  }
}
