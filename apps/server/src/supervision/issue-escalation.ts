/**
 * The daily step-up of overdue issue-list items (限时销号), on the injected clock: once an
 * item is overdue its owning department and the office get a notice (step 1); once it is
 * `issueEscalationWorkdays` working days overdue it is marked escalated and goes to the
 * supervising leader through the office (step 2). Each step is raised by a guarded update in
 * the same transaction as its audit entry and notifications, so a re-run or a concurrent
 * run adds nothing.
 */
import { issueEscalationStep } from '@lianxin/core';
import { inTransaction, type IssueItemRecord, type NotificationRecord, type Repositories, type UserRecord } from '@lianxin/storage';
import type { ServiceDeps } from '../platform/deps';
import { newId } from '../platform/adapters/ids';
import type { CalendarService } from '../org/calendar.service';
import { loadProposalSettings } from '../proposals/proposal.service';

const TITLES = { 1: '问题清单事项逾期未销号', 2: '问题清单事项逾期已升级督办' } as const;
const ACTIONS = { 1: 'issue.overdue_notice', 2: 'issue.escalate' } as const;

/** What one run did. */
export interface EscalationRun {
  noticed: string[];
  escalated: string[];
}

/** Raises every open overdue item to the step it has reached. */
export async function escalateOverdueIssues(
  deps: Pick<ServiceDeps, 'audit' | 'clock' | 'repos' | 'storage'>,
  calendars: CalendarService,
): Promise<EscalationRun> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const calendar = await calendars.current();
  const { issueEscalationWorkdays } = await loadProposalSettings(deps.repos);
  const run: EscalationRun = { noticed: [], escalated: [] };
  for (const issue of await deps.repos.supervision.issues({ openDueBefore: at })) {
    const reached = issueEscalationStep(issue.dueAt, now, calendar, issueEscalationWorkdays);
    for (let step = issue.escalationStep + 1; step <= reached; step++) {
      const s = step as 1 | 2;
      const raised = await inTransaction(deps.storage.db, async (trx) => {
        if (!(await trx.supervision.raiseEscalation(issue.id, s, at))) return false;
        const leader = (await trx.proposals.find(issue.proposalId))?.keyLeader ?? null;
        const summary = s === 2 && leader ? `${issue.title}（督办领导：${leader}）` : issue.title;
        await deps.audit.record(null, { action: ACTIONS[s], entity: 'issue', entityId: issue.id, summary, payload: { step: s, dueAt: issue.dueAt } }, trx);
        await trx.notifications.add(await notices(trx, issue, s, summary, at));
        return true;
      });
      if (raised) (s === 1 ? run.noticed : run.escalated).push(issue.id);
    }
  }
  return run;
}

/** The owning department's accounts and the office (who report to the supervising leader), once each. */
async function notices(trx: Repositories, issue: IssueItemRecord, step: 1 | 2, body: string, at: string): Promise<NotificationRecord[]> {
  const people: UserRecord[] = [
    ...(issue.departmentId ? await trx.users.recipients({ departmentId: issue.departmentId }) : []),
    ...(await trx.users.recipients({ role: 'supervisor' })),
  ];
  return [...new Map(people.map((u) => [u.id, u])).values()].map((u) => ({
    id: newId(),
    userId: u.id,
    kind: ACTIONS[step],
    title: TITLES[step],
    body,
    link: `/console/supervision/${issue.proposalId}`,
    caseId: null,
    readAt: null,
    createdAt: at,
  }));
}
