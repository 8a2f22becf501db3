/**
 * Runs the background work of a worker: claims due jobs from the database, checks each payload
 * against its job's schema, runs the handler, retries failures with exponential backoff and moves
 * jobs that keep failing — or whose payload does not fit at all — to the dead letters. Cron
 * schedules enqueue their jobs through the same queue; long jobs (imports) run beside the batch
 * with their claim kept alive; loops that are not jobs (the intake inbox opener) start and stop
 * with the runner. Any number of runners (processes) may share one PostgreSQL database.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '@lianxin/core';
import type { JobRecord, Repositories } from '@lianxin/storage';
import { Cron } from 'croner';
import { JobInterrupted, type JobDefinition, type JobRun } from './define';
import { newJob } from './enqueue';
import { describeIssues } from './job-type';
import type { CronJobName, LoopName } from './registry';

/** A recurring job: a cron pattern (China time) and the job it enqueues per slot. */
export interface CronSchedule {
  name: string;
  pattern: string;
  job: CronJobName;
}

/** Background work that is not a queued job but runs with the worker (polling its own table). */
export interface BackgroundLoop {
  name: LoopName;
  start(): void;
  stop(): Promise<void>;
  /** Does everything waiting now; resolves with how much. */
  drain(): Promise<number>;
}

type Log = (level: 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;

/** Options of a runner. */
export interface JobRunnerOptions {
  repos: Repositories;
  clock: Clock;
  /** The job definitions by name (the worker passes one for every declared job). */
  jobs: Readonly<Record<string, JobDefinition>>;
  schedules?: CronSchedule[];
  loops?: BackgroundLoop[];
  pollMs?: number;
  batchSize?: number;
  lockMs?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  log?: Log;
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
  /** Long jobs under way beside the batches. */
  private readonly long = new Set<Promise<void>>();
  private abort = new AbortController();
  private stopped = true;

  constructor(private readonly options: JobRunnerOptions) {}

  private get lockMs(): number {
    return this.options.lockMs ?? 60_000;
  }

  /** Starts polling, the cron schedules and the loops. */
  start(): void {
    this.stopped = false;
    this.abort = new AbortController();
    for (const schedule of this.options.schedules ?? []) {
      this.crons.push(
        new Cron(schedule.pattern, { timezone: 'Asia/Shanghai', protect: true }, (cron: Cron) => {
          const slot = cron.currentRun() ?? this.options.clock.now();
          void this.enqueueSlot(schedule, slot).catch((error: unknown) =>
            this.log('error', 'cron enqueue failed', { schedule: schedule.name, error: String(error) }),
          );
        }),
      );
    }
    for (const loop of this.options.loops ?? []) loop.start();
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

  /** Stops polling, the schedules and the loops; long jobs stop after their current step and go back to the queue. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    for (const cron of this.crons) cron.stop();
    this.crons = [];
    await Promise.all((this.options.loops ?? []).map((loop) => loop.stop()));
    await this.running;
    await Promise.all(this.long);
  }

  /** Enqueues the job of one cron slot (idempotent across instances). */
  async enqueueSlot(schedule: CronSchedule, slot: Date): Promise<boolean> {
    const now = this.options.clock.now().toISOString();
    return this.options.repos.jobs.enqueue(newJob(schedule.job, { slot: slot.toISOString() }, { id: cronJobId(schedule.name, slot), runAt: now, now }));
  }

  /** Claims one batch and runs it (long jobs are started, not awaited); returns how many jobs were claimed. */
  async runOnce(): Promise<number> {
    const { repos, clock } = this.options;
    const now = clock.now();
    const jobs = await repos.jobs.claim(this.workerId, now.toISOString(), this.options.batchSize ?? 10, this.lockMs);
    for (const job of jobs) {
      if (this.options.jobs[job.name]?.long) {
        const run = this.runJob(job).finally(() => this.long.delete(run));
        this.long.add(run);
      } else {
        await this.runJob(job);
      }
    }
    return jobs.length;
  }

  /** Runs due jobs (long ones to their end) and the loops until nothing is left (tests and the CLI); returns how many jobs ran. */
  async drain(maxRounds = 100): Promise<number> {
    let total = 0;
    for (let round = 0; round < maxRounds; round++) {
      const ran = await this.runOnce();
      await Promise.all(this.long);
      let looped = 0;
      for (const loop of this.options.loops ?? []) looped += await loop.drain();
      total += ran;
      if (ran === 0 && looped === 0) break;
    }
    return total;
  }

  private async runJob(job: JobRecord): Promise<void> {
    const { repos, clock, jobs } = this.options;
    const definition = Object.hasOwn(jobs, job.name) ? jobs[job.name] : undefined;
    const started = clock.now();
    try {
      // Retried, not dead-lettered: a newer worker sharing the queue may know the job.
      if (!definition) throw new Error(`no handler for job ${job.name}`);
      const parsed = definition.schema.safeParse(job.payload);
      if (!parsed.success) {
        // Running it again would fail the same way: straight to the dead letters, with the reason.
        const reason = `payload invalid: ${describeIssues(parsed.error)}`;
        await repos.jobs.fail(job.id, this.workerId, reason, clock.now().toISOString(), null);
        this.log('error', 'job payload invalid (dead letter)', { job: job.id, name: job.name, error: reason });
        return;
      }
      await definition.handler(parsed.data, this.context(job, started));
      await repos.jobs.complete(job.id, this.workerId, clock.now().toISOString());
    } catch (error) {
      const now = clock.now();
      if (error instanceof JobInterrupted) {
        await repos.jobs.release(job.id, this.workerId, now.toISOString());
        this.log('info', 'job interrupted, back in the queue', { job: job.id, name: job.name });
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
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

  /** The handler's view of its run: the heartbeat extends the claim once a quarter of the lock has passed. */
  private context(job: JobRecord, started: Date): JobRun {
    const { repos, clock } = this.options;
    let extendedAt = started.getTime();
    return {
      job,
      now: started,
      signal: this.abort.signal,
      heartbeat: async () => {
        const now = clock.now().getTime();
        if (now - extendedAt < this.lockMs / 4) return;
        extendedAt = now;
        // Lost the claim (the lock ran out and another worker took the job): stop here, it runs there.
        if (!(await repos.jobs.extendLock(job.id, this.workerId, new Date(now + this.lockMs).toISOString(), new Date(now).toISOString())))
          throw new JobInterrupted();
      },
    };
  }

  private log(level: 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>): void {
    this.options.log?.(level, message, data);
  }
}
