/**
 * Background work of the statistics: recounting handling times in working days after admins
 * changed the calendar (queued by `CalendarService.setOverrides`). The job syncs to the
 * calendar as stored when it runs, so running it twice, late or after a newer save is harmless.
 */
import type { AppContext } from '../context';
import { RECOUNT_JOB } from '../org/calendar.service';
import type { JobHandler } from '../platform/job-runner';

/** Builds the statistics' job handlers over a context. */
export function statsJobHandlers(ctx: AppContext): Record<string, JobHandler> {
  return {
    [RECOUNT_JOB]: async () => {
      await ctx.calendars.runRecount();
    },
  };
}
