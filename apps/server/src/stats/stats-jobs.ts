/**
 * Background work of the statistics: recounting handling times in working days after admins
 * changed the calendar (queued by `CalendarService.setOverrides`). The job syncs to the
 * calendar as stored when it runs, so running it twice, late or after a newer save is harmless.
 */
import type { AppContext } from '../context';
import { byName, defineJob } from '../platform/jobs/define';
import { WORKDAYS_RECOUNT } from './stats-job-types';

/** Builds the statistics' job handlers over a context. */
export function statsJobs(ctx: AppContext) {
  return byName(
    defineJob({
      ...WORKDAYS_RECOUNT,
      handler: async () => {
        await ctx.calendars.runRecount();
      },
    }),
  );
}
