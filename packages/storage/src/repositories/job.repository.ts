/**
 * The DB-backed job queue. Workers claim due jobs atomically — on PostgreSQL with
 * `FOR UPDATE SKIP LOCKED`, so several instances never take the same job — run them,
 * and mark them done, retried later, or dead.
 */
import { PostgresAdapter, sql, type Selectable } from 'kysely';
import type { DB } from '../database';
import type { JobsTable } from '../schema';
import { parseJson } from '../sql-helpers';

/** A job. */
export interface JobRecord {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  status: 'pending' | 'running' | 'done' | 'dead';
  runAt: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  lockedBy: string | null;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

function toRecord(row: Selectable<JobsTable>): JobRecord {
  return {
    id: row.id,
    name: row.name,
    payload: parseJson<Record<string, unknown>>(row.payload, {}),
    status: row.status as JobRecord['status'],
    runAt: typeof row.run_at === 'string' ? row.run_at : new Date(row.run_at).toISOString(),
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    lastError: row.last_error,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** A job to add. */
export interface NewJob {
  id: string;
  name: string;
  payload?: Record<string, unknown>;
  runAt: string;
  maxAttempts?: number;
  now: string;
}

/** Jobs per multi-row insert. */
const ENQUEUE_CHUNK = 500;

function jobRow(job: NewJob) {
  return {
    id: job.id,
    name: job.name,
    payload: JSON.stringify(job.payload ?? {}),
    status: 'pending',
    run_at: job.runAt,
    max_attempts: job.maxAttempts ?? 5,
    last_error: null,
    locked_by: null,
    locked_until: null,
    created_at: job.now,
    updated_at: job.now,
    finished_at: null,
  };
}

/** Queue depth and lag for metrics. */
export interface QueueStats {
  pending: number;
  running: number;
  dead: number;
  /** Oldest due pending job's run time, or null. */
  oldestDueAt: string | null;
}

/** Reads and writes jobs. */
export class JobRepository {
  private readonly postgres: boolean;

  constructor(private readonly db: DB) {
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  /** Adds a job; a job with the same id is left alone. Returns true when added. */
  async enqueue(job: NewJob): Promise<boolean> {
    const result = await this.db
      .insertInto('jobs')
      .values(jobRow(job))
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Adds many jobs in one statement per chunk (jobs with an existing id are left alone); returns how many were added. */
  async enqueueMany(jobs: ReadonlyArray<NewJob>): Promise<number> {
    let added = 0;
    for (let start = 0; start < jobs.length; start += ENQUEUE_CHUNK) {
      const result = await this.db
        .insertInto('jobs')
        .values(jobs.slice(start, start + ENQUEUE_CHUNK).map(jobRow))
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  /**
   * Claims up to `limit` due jobs for `workerId` (also jobs whose previous worker died
   * and whose lock expired). Each claim counts as an attempt.
   */
  async claim(workerId: string, now: string, limit: number, lockMs: number): Promise<JobRecord[]> {
    const lockedUntil = new Date(new Date(now).getTime() + lockMs).toISOString();
    const skipLocked = this.postgres ? sql`FOR UPDATE SKIP LOCKED` : sql``;
    const due = sql`SELECT id FROM jobs WHERE (status = 'pending' AND run_at <= ${now}) OR (status = 'running' AND locked_until < ${now}) ORDER BY run_at LIMIT ${limit} ${skipLocked}`;
    const rows = await sql<Selectable<JobsTable>>`
      UPDATE jobs SET status = 'running', locked_by = ${workerId}, locked_until = ${lockedUntil}, attempts = attempts + 1, updated_at = ${now}
      WHERE id IN (${due})
      RETURNING *`.execute(this.db);
    return rows.rows.map(toRecord);
  }

  /** Marks a claimed job done. */
  async complete(id: string, workerId: string, now: string): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ status: 'done', finished_at: now, updated_at: now, locked_by: null, locked_until: null })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .execute();
  }

  /** Keeps the claim of a long job; false when it is no longer this worker's. */
  async extendLock(id: string, workerId: string, lockedUntil: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ locked_until: lockedUntil, updated_at: now })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Puts a claimed job back in the queue at once, the interrupted attempt not counted (its worker stopped). */
  async release(id: string, workerId: string, now: string): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set((eb) => ({ status: 'pending', run_at: now, attempts: eb('attempts', '-', 1), updated_at: now, locked_by: null, locked_until: null }))
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .execute();
  }

  /** Records a failure: retried at `retryAt`, or dead when null. */
  async fail(id: string, workerId: string, error: string, now: string, retryAt: string | null): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({
        status: retryAt ? 'pending' : 'dead',
        run_at: retryAt ?? now,
        last_error: error.slice(0, 2000),
        updated_at: now,
        finished_at: retryAt ? null : now,
        locked_by: null,
        locked_until: null,
      })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .execute();
  }

  /** One job, or undefined. */
  async find(id: string): Promise<JobRecord | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Jobs by status and name, newest first (dead letters in the console). */
  async list(options: { status?: JobRecord['status']; name?: string; limit?: number } = {}): Promise<JobRecord[]> {
    let query = this.db.selectFrom('jobs').selectAll();
    if (options.status) query = query.where('status', '=', options.status);
    if (options.name) query = query.where('name', '=', options.name);
    const rows = await query
      .orderBy('updated_at', 'desc')
      .limit(options.limit ?? 100)
      .execute();
    return rows.map(toRecord);
  }

  /** Puts a dead job back in the queue. */
  async retry(id: string, now: string): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ status: 'pending', run_at: now, attempts: 0, updated_at: now, finished_at: null })
      .where('id', '=', id)
      .where('status', '=', 'dead')
      .execute();
  }

  /** Queue depth and lag. */
  async stats(now: string): Promise<QueueStats> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'in', ['pending', 'running', 'dead'])
      .groupBy('status')
      .execute();
    const counts = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    const oldest = await this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.min('run_at').as('at'))
      .where('status', '=', 'pending')
      .where('run_at', '<=', now)
      .executeTakeFirst();
    return {
      pending: counts.pending ?? 0,
      running: counts.running ?? 0,
      dead: counts.dead ?? 0,
      oldestDueAt: (oldest?.at as string | null | undefined) ?? null,
    };
  }

  /** Removes finished jobs older than `before`. */
  async purgeDone(before: string): Promise<number> {
    const result = await this.db.deleteFrom('jobs').where('status', '=', 'done').where('finished_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
