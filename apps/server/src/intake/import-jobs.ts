/** The imports' job: one run of a spreadsheet import (ImportService.runJob). */
import type { AppContext } from '../context';
import { byName, defineJob } from '../platform/jobs/define';
import { IMPORT_RUN } from './import-job-types';
import { ImportService } from './import.service';

/** Builds the handler over a context. */
export function importJobs(ctx: AppContext) {
  const imports = new ImportService(ctx);
  return byName(defineJob({ ...IMPORT_RUN, handler: (payload, run) => imports.runJob(payload, run) }));
}
