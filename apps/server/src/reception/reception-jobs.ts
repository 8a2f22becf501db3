/**
 * Background work of the reception rota: publish the window every night (new dates enter
 * it day by day) and remind deputies before their receptions (each reception once).
 */
import type { AppContext } from '../context';
import type { CronSchedule, JobHandler } from '../platform/job-runner';

/** Recurring jobs (China time). */
export const RECEPTION_SCHEDULES: CronSchedule[] = [
  { name: 'reception-publish', pattern: '5 0 * * *', job: 'reception.publish' },
  { name: 'reception-reminders', pattern: '15 * * * *', job: 'reception.reminders' },
];

/** The handlers. */
export function receptionJobHandlers(ctx: AppContext): Record<string, JobHandler> {
  return {
    'reception.publish': async () => {
      await ctx.receptions.publish();
    },
    'reception.reminders': async () => {
      await ctx.receptions.sendReminders();
    },
  };
}
