/**
 * The closed loop's job types (handlers in case-jobs.ts): what a transition's effects queue —
 * notices and the deadline timers — and the recurring scans and housekeeping. Payloads stay
 * readable for jobs queued by earlier versions (optional fields, the legacy `case.escalated`).
 */
import { CASE_CLOCKS, type NotifyRecipient, type ScheduledJob } from '@lianxin/core';
import { z } from 'zod';
import { cronPayload, exactEnum, jobType } from '../platform/jobs/job-type';

/** A notice of a transition to whoever it concerns; `note` carries an urge's or supervision's words. */
export const CASE_NOTIFY = jobType({
  name: 'notify',
  schema: z.object({
    caseId: z.string().min(1),
    to: exactEnum<NotifyRecipient>()(['citizen', 'handler', 'staff', 'supervisor', 'merged_reporters']),
    template: z.string().min(1),
    note: z.string().optional(),
  }),
});

/** A timer of a case's clock (queued by a `schedule` effect); `clock` absent in jobs queued before it was recorded. */
const timer = z.object({ caseId: z.string().min(1), clock: z.enum(CASE_CLOCKS).nullable().optional(), at: z.string().optional() });

export const CASE_REMINDER = jobType({ name: 'case.reminder', schema: timer });
export const CASE_DEADLINE = jobType({ name: 'case.deadline', schema: timer });
export const CASE_RATING_WINDOW = jobType({ name: 'case.rating_window', schema: timer });

/** The jobs of core's `schedule` effects, by name (tsc insists on one per `ScheduledJob`). */
export const CASE_TIMERS = {
  'case.reminder': CASE_REMINDER,
  'case.deadline': CASE_DEADLINE,
  'case.rating_window': CASE_RATING_WINDOW,
} as const satisfies Record<ScheduledJob, unknown>;

export const CASE_ESCALATION_SCAN = jobType({ name: 'case.escalation_scan', schema: cronPayload });
/** Queued by earlier versions for each escalation; does nothing now (the transition's own notices tell the supervisors). */
export const CASE_ESCALATED_LEGACY = jobType({ name: 'case.escalated', schema: z.looseObject({}) });
export const DAILY_DIGEST = jobType({ name: 'digest.daily', schema: cronPayload });
export const HOUSEKEEPING = jobType({ name: 'maintenance.daily', schema: cronPayload });

/** Every job type of this area. */
export const CASE_JOB_TYPES = [
  CASE_NOTIFY,
  CASE_REMINDER,
  CASE_DEADLINE,
  CASE_RATING_WINDOW,
  CASE_ESCALATION_SCAN,
  CASE_ESCALATED_LEGACY,
  DAILY_DIGEST,
  HOUSEKEEPING,
] as const;
