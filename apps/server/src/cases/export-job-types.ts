/** Job types of exports (handlers in export-jobs.ts). */
import { z } from 'zod';
import { cronPayload, jobActor, jobType } from '../platform/jobs/job-type';
import { CASE_WORKLISTS } from '@lianxin/contracts';

/** The case list's filters as the request resolved them (CaseService.filtersOf). */
export const exportFilters = z.object({
  status: z.array(z.string()).optional(),
  unitId: z.string().optional(),
  underPath: z.string().optional(),
  categoryId: z.string().optional(),
  departmentId: z.string().optional(),
  deputyId: z.string().optional(),
  channel: z.string().optional(),
  q: z.string().optional(),
  searchTokens: z.array(z.string()).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  overdueAt: z.string().optional(),
  worklist: z.enum(CASE_WORKLISTS).optional(),
});

/**
 * One export of the case list written to a file in the background: the export's row, who asked
 * (the rows are read in their scope as it was when they asked) and what they asked for. A run
 * that stops or fails starts the file again; after three tries the export is reported failed.
 */
export const EXPORT_RUN = jobType({
  name: 'export.run',
  schema: z.object({
    exportId: z.string().min(1),
    actor: jobActor,
    format: z.enum(['csv', 'xlsx']),
    includeContact: z.boolean(),
    lang: z.enum(['zh', 'en']),
    filters: exportFilters,
  }),
  maxAttempts: 3,
  long: true,
});

/** Removes the files of exports past their expiry (hourly). */
export const EXPORT_EXPIRE = jobType({ name: 'export.expire', schema: cronPayload });

/** Every job type of this area. */
export const EXPORT_JOB_TYPES = [EXPORT_RUN, EXPORT_EXPIRE] as const;
