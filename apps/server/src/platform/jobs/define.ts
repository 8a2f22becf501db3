/**
 * `defineJob({ name, schema, handler })`: a job type with the code that runs it. Areas spread
 * their declared type into it (`defineJob({ ...CASE_NOTIFY, handler })`), so the handler receives
 * the payload as its schema parsed it. The worker gathers the definitions into `JobHandlers`,
 * one per declared name (tsc names a job without a handler).
 */
import type { JobRecord } from '@lianxin/storage';
import type { z } from 'zod';
import type { JobType } from './job-type';
import type { JobName, JobTypeOf } from './registry';

/** What a handler gets besides its payload. */
export interface JobRun {
  job: JobRecord;
  now: Date;
  /** Keeps a long job's claim (call at each step of progress; cheap, throttled by the runner). */
  heartbeat(): Promise<void>;
  /** Aborted when the runner stops: a long job saves its progress and throws `JobInterrupted`. */
  signal: AbortSignal;
}

/** A job type with its handler; throwing means "failed, retry later". */
export interface JobDefinition<T extends JobType = JobType> extends JobType<T['name'], T['schema']> {
  handler(payload: z.output<T['schema']>, run: JobRun): Promise<void>;
}

/** Defines the handler of a job type. */
export function defineJob<const N extends string, S extends z.ZodType<Record<string, unknown>>>(
  definition: JobType<N, S> & { handler: (payload: z.output<S>, run: JobRun) => Promise<void> },
): JobDefinition<JobType<N, S>> {
  return definition;
}

/** Definitions keyed by their names (what an area hands the worker). */
export function byName<const D extends readonly JobDefinition[]>(...definitions: D): { [K in D[number] as K['name']]: K } {
  return Object.fromEntries(definitions.map((d) => [d.name, d])) as { [K in D[number] as K['name']]: K };
}

/** A handler for every declared job. */
export type JobHandlers = { readonly [N in JobName]: JobDefinition<JobTypeOf<N>> };

/** Thrown by a long job that stopped because the runner is stopping: it goes back to the queue as it was. */
export class JobInterrupted extends Error {
  constructor() {
    super('The worker stopped during the job; it resumes on the next worker.');
  }
}
