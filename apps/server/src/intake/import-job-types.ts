/** Job type of spreadsheet imports (handler in import-jobs.ts). */
import { z } from 'zod';
import { jobActor, jobType } from '../platform/jobs/job-type';

/**
 * One import run: the sheet (stored by its SHA-256 beside the attachments), the run's record and
 * who started it — the rows are entered in their name and scope, as they were when they asked.
 */
export const IMPORT_RUN = jobType({
  name: 'import.run',
  schema: z.object({
    importId: z.string().min(1),
    file: z.object({ sha256: z.string().regex(/^[a-f0-9]{64}$/), name: z.string().nullable() }),
    channel: z.string().min(1),
    actor: jobActor,
  }),
  // A run that fails resumes where its progress stopped; after three tries it is reported failed.
  maxAttempts: 3,
  long: true,
});

/** Every job type of this area. */
export const IMPORT_JOB_TYPES = [IMPORT_RUN] as const;
