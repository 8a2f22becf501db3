/**
 * The closed loop's background work: notifications, reminders before a deadline,
 * escalation of overdue cases up the chain (station 催办 → general station 督办 →
 * people's congress office 督办), closing cases whose rating window passed, the daily
 * digest for handlers, and housekeeping. Every handler re-reads the case: a job may run
 * after the case moved on, and then it does nothing.
 */
import { ESCALATION_LEVEL_LABELS, formatChinaDateTime, isAppError, nextEscalation, type CaseAction, type CaseClock, type SystemActor } from '@lianxin/core';
import { maskForStaff } from '@lianxin/text';
import type { AppContext } from '../context';
import type { NotificationService } from '../notifications/notification.service';
import { SUPERVISOR_DIGEST } from '../notifications/notification-job-types';
import { toSnapshot } from './case-store';
import type { CronSchedule } from '../platform/jobs/job-runner';
import { byName, defineJob } from '../platform/jobs/define';
import { ROUTING_RETRAIN, ROUTING_TRAIN } from '../text/routing-job-types';
import {
  CASE_DEADLINE,
  CASE_ESCALATED_LEGACY,
  CASE_ESCALATION_SCAN,
  CASE_NOTIFY,
  CASE_RATING_WINDOW,
  CASE_REMINDER,
  DAILY_DIGEST,
  HOUSEKEEPING,
} from './case-job-types';

const SCHEDULER: SystemActor = { kind: 'system', name: 'scheduler' };

/** Recurring jobs (China time). */
export const SCHEDULES: CronSchedule[] = [
  { name: 'escalation-scan', pattern: '*/10 * * * *', job: CASE_ESCALATION_SCAN.name },
  { name: 'daily-digest', pattern: '0 8 * * 1-5', job: DAILY_DIGEST.name },
  { name: 'housekeeping', pattern: '30 3 * * *', job: HOUSEKEEPING.name },
  { name: 'routing-retrain', pattern: '0 2 * * 0', job: ROUTING_RETRAIN.name },
];

/** Builds the job handlers over a context. */
export function caseJobs(ctx: AppContext, notifications: NotificationService) {
  /** Applies the due escalation step of one case, if any; true when something happened. */
  async function escalate(caseId: string): Promise<boolean> {
    const record = await ctx.repos.cases.find(caseId);
    if (!record) return false;
    const calendar = await ctx.calendars.current();
    const settings = await ctx.calendars.workflowSettings();
    const step = nextEscalation(toSnapshot(record), ctx.clock.now(), calendar, settings);
    if (!step?.due) return false;
    // Words people read: the rung by its name (联络总站督办), never its code.
    const note = step.level === 'station' ? '已逾期，请抓紧办理（系统催办）' : `已逾期，升级由${ESCALATION_LEVEL_LABELS[step.level].zh}督办（系统督办）`;
    const action = { type: step.action, level: step.level, note } as CaseAction;
    try {
      await ctx.cases.act(SCHEDULER, record, action, record.version, null);
      return true;
    } catch (error) {
      // Someone acted on the case meanwhile, or the step is no longer allowed: the next scan re-checks.
      if (isAppError(error) && ['CASE_VERSION_CONFLICT', 'CASE_INVALID_TRANSITION', 'PERMISSION_DENIED'].includes(error.code)) return false;
      throw error;
    }
  }

  return byName(
    defineJob({
      ...CASE_NOTIFY,
      handler: async (payload, { job }) => {
        // An urge or a supervision passes its words on.
        const note = payload.note !== undefined ? { note: payload.note } : {};
        await notifications.notify(payload.caseId, payload.to, payload.template, note, { key: job.id });
      },
    }),
    defineJob({
      ...CASE_REMINDER,
      handler: async (payload, { job }) => {
        const record = await ctx.repos.cases.find(payload.caseId);
        if (!record || !['assigned', 'in_progress'].includes(record.status)) return;
        // The deadline the reminder is about (jobs queued before the clock was recorded: the reply's).
        const clock: CaseClock = payload.clock === 'sign' ? 'sign' : 'reply';
        if (clock === 'sign' && record.status !== 'assigned') return; // signed meanwhile
        const dueAt = clock === 'sign' ? record.signDueAt : record.replyDueAt;
        // "Due soon" after the deadline is wrong: a worker catching up skips it (the deadline job escalates instead).
        if (!dueAt || Date.parse(dueAt) <= ctx.clock.now().getTime()) return;
        await notifications.notify(record.id, 'handler', 'handler.reminder', { dueAt, dueKind: clock }, { key: job.id });
      },
    }),
    defineJob({
      ...CASE_DEADLINE,
      handler: async (payload) => {
        await escalate(payload.caseId);
      },
    }),
    defineJob({
      ...CASE_ESCALATION_SCAN,
      handler: async () => {
        const now = ctx.clock.now().toISOString();
        for (let page = 1; page <= 50; page++) {
          const overdue = await ctx.repos.cases.list({ all: true }, { overdueAt: now, page, pageSize: 200 });
          for (const c of overdue.items) await escalate(c.id);
          if (overdue.items.length < 200) break;
        }
      },
    }),
    // Queued by earlier versions for each escalation; the transition's own notices tell the supervisors now.
    defineJob({ ...CASE_ESCALATED_LEGACY, handler: async () => {} }),
    defineJob({
      ...SUPERVISOR_DIGEST,
      handler: async (payload) => {
        await notifications.supervisorDigest(payload.userId, { from: payload.from, to: payload.to });
      },
    }),
    defineJob({
      ...CASE_RATING_WINDOW,
      handler: async (payload) => {
        const record = await ctx.repos.cases.find(payload.caseId);
        if (!record || record.status !== 'replied') return;
        try {
          await ctx.cases.act(SCHEDULER, record, { type: 'close', reason: '评价期满未评价，系统自动办结' }, record.version, null);
        } catch (error) {
          if (!(isAppError(error) && ['CASE_VERSION_CONFLICT', 'CASE_INVALID_TRANSITION', 'PERMISSION_DENIED'].includes(error.code))) throw error;
        }
      },
    }),
    defineJob({
      ...DAILY_DIGEST,
      handler: async (_payload, { job }) => {
        const open = await ctx.repos.cases.list({ all: true }, { status: ['assigned', 'in_progress'], pageSize: 500 });
        const byDepartment = new Map<string, typeof open.items>();
        for (const c of open.items) if (c.departmentId) byDepartment.set(c.departmentId, [...(byDepartment.get(c.departmentId) ?? []), c]);
        for (const [departmentId, cases] of byDepartment) {
          const users = await ctx.repos.users.recipients({ departmentId });
          const lines = cases.slice(0, 20).map((c) => `${c.trackingCode} ${maskForStaff(c.title)}（期限 ${formatChinaDateTime(c.replyDueAt) || '—'}）`);
          await notifications.toUsers(users, cases[0], 'handler.digest', { count: cases.length, lines }, { key: `${job.id}:${departmentId}` });
        }
      },
    }),
    // Learned routing: an admin's request (optionally forced past the quality gate) and the weekly re-learning.
    defineJob({
      ...ROUTING_TRAIN,
      handler: async (payload) => {
        await ctx.routing.train({ force: payload.force === true });
      },
    }),
    defineJob({
      ...ROUTING_RETRAIN,
      handler: async () => {
        await ctx.routing.train();
      },
    }),
    defineJob({
      ...HOUSEKEEPING,
      handler: async () => {
        const now = ctx.clock.now();
        const iso = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
        await ctx.repos.sessions.deleteExpired(now.toISOString());
        await ctx.repos.rateCounters.deleteBefore(iso(2));
        await ctx.repos.idempotency.deleteBefore(iso(7));
        await ctx.repos.jobs.purgeDone(iso(30));
        for (const orphan of await ctx.repos.attachments.orphansBefore(iso(2))) {
          await ctx.repos.attachments.delete([orphan.id]);
          if (!(await ctx.repos.attachments.isHashUsed(orphan.sha256))) await ctx.files.remove(orphan.sha256);
        }
        if (ctx.config.retentionDays > 0) await ctx.repos.cases.eraseContactsClosedBefore(iso(ctx.config.retentionDays));
      },
    }),
  );
}
