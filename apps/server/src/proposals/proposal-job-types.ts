/** Job types of suggestions, motions and key supervision (handlers in proposal-jobs.ts). */
import type { ProposalEffect, ProposalRecipient } from '@lianxin/core';
import { z } from 'zod';
import { cronPayload, exactEnum, jobType } from '../platform/jobs/job-type';

/** An inbox notice of a proposal's transition. */
export const PROPOSAL_NOTIFY = jobType({
  name: 'proposal.notify',
  schema: z.object({
    proposalId: z.string().min(1),
    to: exactEnum<ProposalRecipient>()(['lead_deputy', 'cosigners', 'invited', 'lead_unit', 'co_units', 'office']),
    template: z.string().min(1),
    deputyIds: z.array(z.string()).optional(),
  }),
});

const timer = z.object({ proposalId: z.string().min(1), at: z.string().optional() });
export const PROPOSAL_REMINDER = jobType({ name: 'proposal.reminder', schema: timer });
export const PROPOSAL_DEADLINE = jobType({ name: 'proposal.deadline', schema: timer });

/** The jobs of core's proposal `schedule` effects, by name (tsc insists on one per job the effect names). */
export const PROPOSAL_TIMERS = {
  'proposal.reminder': PROPOSAL_REMINDER,
  'proposal.deadline': PROPOSAL_DEADLINE,
} as const satisfies Record<Extract<ProposalEffect, { type: 'schedule' }>['job'], unknown>;

/** The daily scan that steps overdue issue-list items up. */
export const ISSUE_OVERDUE_SCAN = jobType({ name: 'issue.overdue_scan', schema: cronPayload });

/** Every job type of this area. */
export const PROPOSAL_JOB_TYPES = [PROPOSAL_NOTIFY, PROPOSAL_REMINDER, PROPOSAL_DEADLINE, ISSUE_OVERDUE_SCAN] as const;
