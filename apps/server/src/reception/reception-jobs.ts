/**
 * Background work of the reception rota: publish the window every night (new dates enter
 * it day by day) and remind deputies before their receptions (each reception once).
 */
import type { AppContext } from '../context';
import { byName, defineJob } from '../platform/jobs/define';
import type { CronSchedule } from '../platform/jobs/job-runner';
import { RECEPTION_PUBLISH, RECEPTION_REMINDERS } from './reception-job-types';

/** Recurring jobs (China time). */
export const RECEPTION_SCHEDULES: CronSchedule[] = [
  { name: 'reception-publish', pattern: '5 0 * * *', job: RECEPTION_PUBLISH.name },
  { name: 'reception-reminders', pattern: '15 * * * *', job: RECEPTION_REMINDERS.name },
];

/** The handlers. */
export function receptionJobs(ctx: AppContext) {
  return byName(
    defineJob({
      ...RECEPTION_PUBLISH,
      handler: async () => {
        await ctx.receptions.publish();
      },
    }),
    defineJob({
      ...RECEPTION_REMINDERS,
      handler: async () => {
        await ctx.receptions.sendReminders();
      },
    }),
  );
}
