/**
 * A kind of background job: its name and the zod schema of its payload. Each feature declares
 * its job types in a small `*-job-types.ts` file that imports nothing but zod and core, so the
 * code that queues a job (a service, the case store) and the handler that runs it (`defineJob` in
 * the feature's `*-jobs.ts`) share one schema without importing each other. `registry.ts` lists
 * every type; enqueueing goes through `enqueue.ts`, which checks the payload against it.
 */
import { ROLES } from '@lianxin/core';
import { z } from 'zod';

/** Options of a job type. */
export interface JobTypeOptions {
  /** Attempts before the job goes to the dead letters (the queue's default is 5). */
  maxAttempts?: number;
  /**
   * Work that may take minutes (an import): the runner does not hold its batch for it, runs it
   * beside the other jobs and keeps its lock alive while the handler reports progress.
   */
  long?: boolean;
}

/** A declared job: name, payload schema, options. */
export interface JobType<N extends string = string, S extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>> extends JobTypeOptions {
  readonly name: N;
  readonly schema: S;
}

/** Declares a job type. */
export function jobType<const N extends string, S extends z.ZodType<Record<string, unknown>>>(spec: { name: N; schema: S } & JobTypeOptions): JobType<N, S> {
  return spec;
}

/** What a caller passes when queueing a job of type `T`. */
export type JobInput<T extends JobType> = z.input<T['schema']>;

/** What the handler of a job of type `T` receives (the payload as parsed by its schema). */
export type JobPayload<T extends JobType> = z.output<T['schema']>;

/** Payload of a job a cron schedule queues: the slot's time (added by the runner). */
export const cronPayload = z.object({ slot: z.string().optional() });

/** A zod enum of exactly the members of the union `T`: tsc fails on a member missing or one too many. */
export function exactEnum<T extends string>() {
  return <const V extends readonly [T, ...T[]]>(values: V & ([T] extends [V[number]] ? unknown : never)) => z.enum(values);
}

/** Describes why a payload does not fit its schema, one `path: message` per issue. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`).join('; ');
}

/**
 * Who asked for a job that acts in their name (an import, an export): the job runs with their
 * roles and scope as they were when they asked.
 */
export const jobActor = z.object({
  userId: z.string().min(1),
  username: z.string(),
  displayName: z.string(),
  ip: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  scope: z.object({
    unitPath: z.string().nullable().optional(),
    departmentId: z.string().nullable().optional(),
    deputyId: z.string().nullable().optional(),
  }),
});
