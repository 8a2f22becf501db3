/**
 * The `worker` role: the job runner with a handler for every declared job (platform/jobs/
 * registry.ts; tsc names a job left without one), the cron schedules, the intake inbox's opener
 * as the runner's one loop, and the mail and SMS adapters the notifications go out through.
 */
import type { AppContext } from './context';
import { createMailer, type Mailer } from './platform/adapters/mailer';
import { logSmsDriver, webhookSmsDriver, type SmsDriver } from './platform/adapters/sms';
import { recordingMailer, recordingSms } from './demo/demo-outbox';
import { caseJobs, SCHEDULES } from './cases/case-jobs';
import { RECEPTION_SCHEDULES, receptionJobs } from './reception/reception-jobs';
import type { JobHandlers } from './platform/jobs/define';
import { JobRunner } from './platform/jobs/job-runner';
import { IntakeInboxWorker } from './intake/intake-inbox.worker';
import { importJobs } from './intake/import-jobs';
import { EXPORT_SCHEDULES, exportJobs } from './cases/export-jobs';
import { webhookJobs } from './integrations/webhook-jobs';
import { PROPOSAL_SCHEDULES, proposalJobs } from './proposals/proposal-jobs';
import { statsJobs } from './stats/stats-jobs';
import { NotificationService } from './notifications/notification.service';

/** A configured worker (not yet started). */
export interface Worker {
  runner: JobRunner;
  /** Opens the submissions web-only instances queued in the intake inbox. */
  inbox: IntakeInboxWorker;
  notifications: NotificationService;
  mailer: Mailer;
  sms: SmsDriver;
}

/** Builds the worker for a context; `log` receives adapter and runner messages. */
export function createWorker(
  ctx: AppContext,
  log: (level: 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>) => void,
  options: { schedules?: boolean } = {},
): Worker {
  let mailer = createMailer({ smtpUrl: ctx.config.smtpUrl, from: ctx.config.mailFrom, log: (m) => log('info', m) });
  let sms =
    ctx.config.smsDriver === 'webhook' && ctx.config.smsWebhookUrl
      ? webhookSmsDriver(ctx.config.smsWebhookUrl, ctx.config.smsWebhookSecret)
      : logSmsDriver((m) => log('info', m));
  // A demo install keeps what it sent for the console's outbox page.
  if (ctx.config.demo) {
    mailer = recordingMailer(mailer, ctx.repos, ctx.clock);
    sms = recordingSms(sms, ctx.repos, ctx.clock);
  }
  const notifications = new NotificationService(ctx, mailer, sms);
  const jobs = {
    ...caseJobs(ctx, notifications),
    ...webhookJobs(ctx.webhooks),
    ...receptionJobs(ctx),
    ...proposalJobs(ctx),
    ...statsJobs(ctx),
    ...importJobs(ctx),
    ...exportJobs(ctx),
  } satisfies JobHandlers;
  // Not a job: the inbox is polled for latency and opened in batches of its own (intake-inbox.worker.ts).
  const inbox = new IntakeInboxWorker(ctx.storage.db, {
    pollMs: ctx.config.intakePollMs,
    open: (submission, earlier) => ctx.intake.open(submission, earlier),
    opened: (record) => ctx.duplicates.note(record),
    log,
  });
  const runner = new JobRunner({
    repos: ctx.repos,
    clock: ctx.clock,
    jobs,
    schedules: options.schedules === false ? [] : [...SCHEDULES, ...RECEPTION_SCHEDULES, ...PROPOSAL_SCHEDULES, ...EXPORT_SCHEDULES],
    loops: [inbox],
    pollMs: ctx.config.jobPollMs,
    log,
  });
  return { runner, inbox, notifications, mailer, sms };
}
