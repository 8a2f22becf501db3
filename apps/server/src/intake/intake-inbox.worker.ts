/**
 * The worker's half of the intake inbox: opens the submissions web-only instances acknowledged
 * (intake-writer.ts, `inbox` mode) as cases, oldest first, a batch per transaction. Claiming,
 * opening and deleting happen in one transaction, so after a crash each submission is either
 * still waiting or opened, and several workers on PostgreSQL never open one twice (SKIP LOCKED).
 * A batch that fails is retried one submission at a time; a submission that keeps failing is
 * set aside after MAX_ATTEMPTS and counted in the metrics for an operator to look at. Only the
 * payload versions this code knows are claimed (inbox-payload.ts): a payload that does not fit
 * its version is set aside at once with the reason; rows of an unknown version stay waiting for
 * a worker that knows them (counted in the metrics, logged at most once a minute).
 */
import { createRepositories, inTransaction, type CaseRecord, type DB } from '@lianxin/storage';
import type { BackgroundLoop } from '../platform/jobs/job-runner';
import { INBOX_PAYLOAD_VERSIONS, readInboxPayload } from './inbox-payload';
import { openCases, type CaseWrite, type CheckedSubmission } from './intake-writer';

/** Submissions opened per transaction. */
const BATCH = 256;
/** Failed attempts after which a submission is left for an operator. */
export const INBOX_MAX_ATTEMPTS = 5;
/** How often the worker says that rows of an unknown payload version are waiting. */
const UNKNOWN_VERSION_LOG_MS = 60_000;

/** Opens inbox submissions as cases (a loop of the job runner, which starts and stops it). */
export class IntakeInboxWorker implements BackgroundLoop {
  readonly name = 'intake.inbox' as const;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;
  private unknownLoggedAt = -Infinity;

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
        if (opened < BATCH || this.stopped) break;
      }
      await this.noteUnknownVersions();
      return total;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Logs (at most once a minute) that rows of a payload version this code does not open are waiting. */
  private async noteUnknownVersions(): Promise<void> {
    const now = Date.now();
    if (now - this.unknownLoggedAt < UNKNOWN_VERSION_LOG_MS) return;
    this.unknownLoggedAt = now;
    const { unknownVersion } = await createRepositories(this.db).intakeInbox.counts(INBOX_MAX_ATTEMPTS, INBOX_PAYLOAD_VERSIONS);
    if (unknownVersion > 0)
      this.options.log?.('warn', 'intake inbox holds submissions of a payload version this worker does not open; a newer worker will', {
        count: unknownVersion,
        versions: INBOX_PAYLOAD_VERSIONS,
      });
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
    const repos = createRepositories(this.db);
    const claimedRows = await repos.intakeInbox.claim(limit, INBOX_MAX_ATTEMPTS, INBOX_PAYLOAD_VERSIONS);
    if (!claimedRows.length) return 0;
    claimed?.(claimedRows.map((e) => e.id));
    // A payload that does not fit its version would fail every time: set aside at once, with the reason.
    const peeked: Array<{ id: string; submission: CheckedSubmission }> = [];
    for (const entry of claimedRows) {
      const read = readInboxPayload(entry.version, entry.payload);
      if (read.ok) {
        peeked.push({ id: entry.id, submission: read.submission });
      } else {
        await repos.intakeInbox.setAside([entry.id], read.reason, INBOX_MAX_ATTEMPTS);
        this.options.log?.('error', 'intake inbox submission set aside', { id: entry.id, error: read.reason });
      }
    }
    // All of them set aside: look at the next ones (set-aside rows are not claimed again).
    if (!peeked.length) return this.open(limit, claimed);
    const writes = new Map<string, CaseWrite>();
    const perPhone = new Map<string, number>();
    for (const entry of peeked) {
      const phone = entry.submission.fields.reporterPhoneHash ?? null;
      const earlier = phone ? (perPhone.get(phone) ?? 0) : 0;
      if (phone) perPhone.set(phone, earlier + 1);
      writes.set(entry.id, await this.options.open(entry.submission, earlier));
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
