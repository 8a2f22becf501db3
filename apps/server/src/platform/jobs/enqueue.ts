/**
 * The only way into the job queue: a job is named from the registry and its payload checked by
 * the job's schema, at compile time (`JobInputOf<N>`) and again here at run time, so nothing the
 * worker cannot run is ever stored. An invalid payload is a programming error: it throws (500),
 * and the transaction it was part of rolls back. (`jobs-typed.test.ts` fails on a direct
 * `repos.jobs.enqueue` outside this folder.)
 */
import { AppError } from '@lianxin/core';
import type { NewJob, Repositories } from '@lianxin/storage';
import { describeIssues } from './job-type';
import { jobTypeNamed, type JobInputOf, type JobName } from './registry';

declare const checked: unique symbol;

/** A job row whose payload passed its schema (made only by `newJob`). */
export type CheckedJob = NewJob & { readonly [checked]: true };

/** Where and when a job goes. */
export interface JobPlacement {
  /** Deterministic ids make queueing idempotent: a job whose id is stored is left alone. */
  id: string;
  runAt: string;
  now: string;
  /** Overrides the job type's `maxAttempts`. */
  maxAttempts?: number;
}

/** Why a payload was refused. */
export function invalidPayload(name: string, reason: string): AppError {
  return new AppError('INTERNAL_ERROR', { message: `Job ${name}: payload invalid: ${reason}` });
}

/** A job of `name` with `payload`, checked against the job's schema (throws when it does not fit). */
export function newJob<N extends JobName>(name: N, payload: JobInputOf<N>, placement: JobPlacement): CheckedJob {
  const type = jobTypeNamed(name);
  if (!type) throw invalidPayload(name, 'no such job');
  const parsed = type.schema.safeParse(payload);
  if (!parsed.success) throw invalidPayload(name, describeIssues(parsed.error));
  const maxAttempts = placement.maxAttempts ?? type.maxAttempts;
  return {
    id: placement.id,
    name,
    payload: parsed.data,
    runAt: placement.runAt,
    now: placement.now,
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
  } as CheckedJob;
}

/** Queues one job (inside the caller's transaction when `repos` is one); false when its id was taken. */
export async function enqueue<N extends JobName>(
  repos: Pick<Repositories, 'jobs'>,
  name: N,
  payload: JobInputOf<N>,
  placement: JobPlacement,
): Promise<boolean> {
  return repos.jobs.enqueue(newJob(name, payload, placement));
}

/** Queues checked jobs, a multi-row statement per chunk; returns how many were added. */
export async function enqueueAll(repos: Pick<Repositories, 'jobs'>, jobs: readonly CheckedJob[]): Promise<number> {
  return jobs.length ? repos.jobs.enqueueMany(jobs) : 0;
}
