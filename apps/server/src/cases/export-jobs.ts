/** The exports' jobs: writing an export's file (ExportService.runJob) and removing expired files (hourly). */
import type { AppContext } from '../context';
import { byName, defineJob } from '../platform/jobs/define';
import type { CronSchedule } from '../platform/jobs/job-runner';
import { EXPORT_EXPIRE, EXPORT_RUN } from './export-job-types';

/** Expired export files go within the hour. */
export const EXPORT_SCHEDULES: CronSchedule[] = [{ name: 'export-expire', pattern: '17 * * * *', job: EXPORT_EXPIRE.name }];

/** Builds the handlers over a context. */
export function exportJobs(ctx: AppContext) {
  return byName(
    defineJob({ ...EXPORT_RUN, handler: (payload, run) => ctx.exports.runJob(payload, run) }),
    defineJob({
      ...EXPORT_EXPIRE,
      handler: async () => {
        await ctx.exports.expire();
      },
    }),
  );
}
