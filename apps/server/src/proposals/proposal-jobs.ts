/**
 * Background work of suggestions, motions and key supervision: inbox notifications,
 * the reminder before the answer deadline, 催办 when it passes (and word to the office),
 * and a daily scan that steps overdue issue-list items up (notice, then escalation). Every handler re-reads
 * the proposal: a job may run after it moved on, and then it does nothing.
 */
import { isAppError, type ProposalRecipient, type ProposalSystemActor } from '@lianxin/core';
import type { UserRecord } from '@lianxin/storage';
import type { AppContext } from '../context';
import { stableId } from '../platform/adapters/ids';
import { byName, defineJob } from '../platform/jobs/define';
import type { CronSchedule } from '../platform/jobs/job-runner';
import { ISSUE_OVERDUE_SCAN, PROPOSAL_DEADLINE, PROPOSAL_NOTIFY, PROPOSAL_REMINDER } from './proposal-job-types';

const SCHEDULER: ProposalSystemActor = { kind: 'system', name: 'scheduler' };

/** Recurring jobs of this area (China time). */
export const PROPOSAL_SCHEDULES: CronSchedule[] = [{ name: 'issue-overdue-scan', pattern: '15 8 * * *', job: ISSUE_OVERDUE_SCAN.name }];

/** Inbox titles per template (zh first; the inbox shows them as written). */
const TITLES: Record<string, string> = {
  'proposal.invited': '邀请您联名',
  'proposal.cosigned': '代表已联名',
  'proposal.declined': '代表谢绝联名',
  'proposal.submitted': '新提交的建议/议案',
  'proposal.withdrawn': '建议/议案已撤回',
  'proposal.returned': '建议/议案退回修改',
  'proposal.registered': '建议/议案已立案',
  'proposal.converted': '议案已转为建议',
  'proposal.rejected': '建议/议案不予立案',
  'proposal.assigned': '建议/议案已交办',
  'proposal.assigned_co': '协办建议/议案',
  'proposal.withdraw_requested': '承办单位申请退办',
  'proposal.withdraw_approved': '退办已同意',
  'proposal.withdraw_denied': '退办未同意',
  'proposal.extension_requested': '承办单位申请延期答复',
  'proposal.extension_approved': '延期答复已同意',
  'proposal.extension_denied': '延期答复未同意',
  'proposal.co_answered': '协办单位已提出意见',
  'proposal.answered': '建议/议案已答复，请评价',
  'proposal.rated': '代表已评价答复',
  'proposal.reopened': '代表不满意，请重新办理',
  'proposal.unsatisfied_again': '代表再次不满意，已列入督办',
  'proposal.followed_up': '已落实并续报',
  'proposal.urged': '催办',
  'proposal.supervised': '督办',
  'proposal.closed': '建议/议案已办结',
  'proposal.reminder': '答复期限将至',
  'proposal.overdue': '答复已逾期',
};

/** Builds the job handlers over a context. */
export function proposalJobs(ctx: AppContext) {
  async function recipients(proposalId: string, to: ProposalRecipient, deputyIds: string[] = []): Promise<UserRecord[]> {
    const p = await ctx.repos.proposals.find(proposalId);
    if (!p) return [];
    const { users } = ctx.repos;
    const byDeputies = async (ids: string[]) => (await Promise.all(ids.map((deputyId) => users.recipients({ deputyId })))).flat();
    const units = await ctx.repos.proposals.units(proposalId);
    switch (to) {
      case 'lead_deputy':
        return byDeputies([p.leadDeputyId]);
      case 'invited':
        return byDeputies(deputyIds);
      case 'cosigners':
        return byDeputies((await ctx.repos.proposals.cosigners(proposalId)).filter((c) => c.status === 'signed').map((c) => c.deputyId));
      case 'lead_unit':
        return p.leadUnitId ? users.recipients({ departmentId: p.leadUnitId }) : [];
      case 'co_units':
        return (await Promise.all(units.filter((u) => u.role === 'co').map((u) => users.recipients({ departmentId: u.departmentId })))).flat();
      case 'office':
        return users.recipients({ role: 'supervisor' });
    }
  }

  /** `key` (the job's id) makes the inbox ids: a job that runs again stores nothing twice. */
  async function notify(proposalId: string, to: ProposalRecipient, template: string, key: string, deputyIds?: string[]): Promise<void> {
    const p = await ctx.repos.proposals.find(proposalId);
    if (!p) return;
    const people = await recipients(proposalId, to, deputyIds);
    const at = ctx.clock.now().toISOString();
    await ctx.repos.notifications.add(
      [...new Map(people.map((u) => [u.id, u])).values()].map((u) => ({
        id: stableId(`${key}:${u.id}`),
        userId: u.id,
        kind: template,
        title: TITLES[template] ?? template,
        body: `${p.number ? `${p.number} ` : ''}${p.title}`,
        link: `/console/proposals/${p.id}`,
        caseId: null,
        readAt: null,
        createdAt: at,
      })),
    );
  }

  return byName(
    defineJob({
      ...PROPOSAL_NOTIFY,
      handler: async (payload, { job }) => {
        await notify(payload.proposalId, payload.to, payload.template, job.id, payload.deputyIds);
      },
    }),
    defineJob({
      ...PROPOSAL_REMINDER,
      handler: async (payload, { job }) => {
        const p = await ctx.repos.proposals.find(payload.proposalId);
        if (!p || p.status !== 'assigned' || !p.answerDueAt) return;
        // "Due soon" after the deadline is wrong: a worker catching up skips it (the deadline job urges instead).
        if (Date.parse(p.answerDueAt) <= ctx.clock.now().getTime()) return;
        await notify(p.id, 'lead_unit', 'proposal.reminder', job.id);
      },
    }),
    defineJob({
      ...PROPOSAL_DEADLINE,
      handler: async (payload, { job }) => {
        const p = await ctx.repos.proposals.find(payload.proposalId);
        if (!p || p.status !== 'assigned' || !p.answerDueAt || Date.parse(p.answerDueAt) >= ctx.clock.now().getTime()) return;
        try {
          await ctx.proposals.act(SCHEDULER, p.id, { type: 'urge', note: '答复已逾期（系统催办）' }, p.version);
        } catch (error) {
          // Someone acted meanwhile: the proposal is no longer waiting for this answer.
          if (!(isAppError(error) && ['VERSION_CONFLICT', 'PROPOSAL_INVALID_TRANSITION', 'PERMISSION_DENIED'].includes(error.code))) throw error;
          return;
        }
        await notify(p.id, 'office', 'proposal.overdue', job.id);
      },
    }),
    // Notice, then escalation, each once per item: re-running the scan adds nothing.
    defineJob({
      ...ISSUE_OVERDUE_SCAN,
      handler: async () => {
        await ctx.supervision.escalateOverdue();
      },
    }),
  );
}
