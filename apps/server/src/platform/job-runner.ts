/**
 * Runs queued jobs: claims due jobs from the database, runs their handlers, retries
 * failures with exponential backoff and moves jobs that keep failing to the dead
 * letters. Any number of runners (processes) may share one PostgreSQL database.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '@lianxin/core';
import type { JobRecord, Repositories } from '@lianxin/storage';
import { Cron } from 'croner';

/** What a job handler receives. */
export interface JobContext {
  job: JobRecord;
  now: Date;
}

/** A job handler; throwing means "failed, retry later". */
export type JobHandler = (payload: Record<string, unknown>, context: JobContext) => Promise<void>;

/** A recurring job: a cron pattern (China time) and the job it enqueues per slot. */
export interface CronSchedule {
  name: string;
  pattern: string;
  job: string;
  payload?: Record<string, unknown>;
}

/** Options of a runner. */
export interface JobRunnerOptions {
  repos: Repositories;
  clock: Clock;
  handlers: Record<string, JobHandler>;
  schedules?: CronSchedule[];
  pollMs?: number;
  batchSize?: number;
  lockMs?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;
}

/** Backoff before attempt `attempts + 1`. */
export function backoffDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** Deterministic id of a cron slot, so several instances enqueue one job per tick. */
export function cronJobId(name: string, slot: Date): string {
  return `cron:${name}:${slot.toISOString()}`;
}

/** Claims and runs jobs until stopped. */
export class JobRunner {
  readonly workerId = `w-${randomUUID()}`;
  private timer: NodeJS.Timeout | null = null;
  private crons: Cron[] = [];
  private running: Promise<number> | null = null;
  private stopped = true;

  constructor(private readonly options: JobRunnerOptions) {}

  /** Starts polling and the cron schedules. */
  start(): void {
    this.stopped = false;
    for (const schedule of this.options.schedules ?? []) {
      this.crons.push(
        new Cron(schedule.pattern, { timezone: 'Asia/Shanghai', protect: true }, (cron: Cron) => {
          const slot = cron.currentRun() ?? this.options.clock.now();
          void this.enqueueSlot(schedule, slot);
        }),
      );
    }
    const tick = () => {
      if (this.stopped) return;
      this.running = this.runOnce().catch((error: unknown) => {
        this.log('error', 'job runner tick failed', { error: String(error) });
        return 0;
      });
      void this.running.finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs ?? 500);
      });
    };
    tick();
  }

  /** Stops polling and waits for the batch in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const cron of this.crons) cron.stop();
    this.crons = [];
    await this.running;
  }

  /** Enqueues the job of one cron slot (idempotent across instances). */
  async enqueueSlot(schedule: CronSchedule, slot: Date): Promise<boolean> {
    const now = this.options.clock.now().toISOString();
    return this.options.repos.jobs.enqueue({
      id: cronJobId(schedule.name, slot),
      name: schedule.job,
      payload: { ...schedule.payload, slot: slot.toISOString() },
      runAt: now,
      now,
    });
  }

  /** Claims one batch and runs it; returns how many jobs ran. */
  async runOnce(): Promise<number> {
    const { repos, clock } = this.options;
    const now = clock.now();
    const jobs = await repos.jobs.claim(this.workerId, now.toISOString(), this.options.batchSize ?? 10, this.options.lockMs ?? 60_000);
    for (const job of jobs) await this.runJob(job);
    return jobs.length;
  }

  /** Runs due jobs until none is left (tests and the CLI). */
  async drain(maxRounds = 100): Promise<number> {
    let total = 0;
    for (let round = 0; round < maxRounds; round++) {
      const ran = await this.runOnce();
      total += ran;
      if (ran === 0) break;
    }
    return total;
  }

  private async runJob(job: JobRecord): Promise<void> {
    const { repos, clock, handlers } = this.options;
    const handler = handlers[job.name];
    try {
      if (!handler) throw new Error(`no handler for job ${job.name}`);
      await handler(job.payload, { job, now: clock.now() });
      await repos.jobs.complete(job.id, this.workerId, clock.now().toISOString());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const now = clock.now();
      const retry = job.attempts < job.maxAttempts;
      const retryAt = retry
        ? new Date(now.getTime() + backoffDelay(job.attempts, this.options.backoffMs ?? 5_000, this.options.maxBackoffMs ?? 3_600_000)).toISOString()
        : null;
      await repos.jobs.fail(job.id, this.workerId, message, now.toISOString(), retryAt);
      this.log(retry ? 'warn' : 'error', retry ? 'job failed, will retry' : 'job failed for good (dead letter)', {
        job: job.id,
        name: job.name,
        attempts: job.attempts,
        error: message,
      });
    }
  }

  private log(level: 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>): void {
    this.options.log?.(level, message, data);
  }
}
