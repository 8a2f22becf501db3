/**
 * The `worker` role: the job runner with the closed loop's handlers and schedules, the
 * intake inbox's opener, and the mail and SMS adapters it delivers through.
 */
import type { AppContext } from './context';
import { createMailer, type Mailer } from './platform/adapters/mailer';
import { logSmsDriver, webhookSmsDriver, type SmsDriver } from './platform/adapters/sms';
import { recordingMailer, recordingSms } from './demo/demo-outbox';
import { caseJobHandlers, SCHEDULES } from './cases/case-jobs';
import { RECEPTION_SCHEDULES, receptionJobHandlers } from './reception/reception-jobs';
import { JobRunner } from './platform/job-runner';
import { IntakeInboxWorker } from './intake/intake-inbox.worker';
import { PROPOSAL_SCHEDULES, proposalJobHandlers } from './proposals/proposal-jobs';
import { statsJobHandlers } from './stats/stats-jobs';
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
  const runner = new JobRunner({
    repos: ctx.repos,
    clock: ctx.clock,
    handlers: {
      ...caseJobHandlers(ctx, notifications),
      ...ctx.webhooks.jobHandlers(),
      ...receptionJobHandlers(ctx),
      ...proposalJobHandlers(ctx),
      ...statsJobHandlers(ctx),
    },
    schedules: options.schedules === false ? [] : [...SCHEDULES, ...RECEPTION_SCHEDULES, ...PROPOSAL_SCHEDULES],
    pollMs: ctx.config.jobPollMs,
    log,
  });
  const inbox = new IntakeInboxWorker(ctx.storage.db, {
    pollMs: ctx.config.intakePollMs,
    open: (submission, earlier) => ctx.intake.open(submission, earlier),
    opened: (record) => ctx.duplicates.note(record),
    log,
  });
  return { runner, inbox, notifications, mailer, sms };
}
