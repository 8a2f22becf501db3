/**
 * Delivers the workflow's notifications: to the reporting citizen by email and SMS, to
 * handlers and station staff in the in-app inbox and by email, to supervisors in the inbox
 * at once and by one digest mail per window (several cases, or several steps of one case,
 * never become several mails). Runs inside jobs, so a failed delivery is retried with backoff.
 */
import { randomUUID } from 'node:crypto';
import type { CaseRecord, UserRecord } from '@lianxin/storage';
import { maskForStaff } from '@lianxin/text';
import type { ServiceDeps } from '../platform/deps';
import { stableId } from '../platform/adapters/ids';
import type { Mailer } from '../platform/adapters/mailer';
import type { SmsDriver } from '../platform/adapters/sms';
import { enqueueAll, newJob } from '../platform/jobs/enqueue';
import { SUPERVISOR_DIGEST } from './notification-job-types';
import { renderTemplate, type TemplateData } from './templates';

/** Who a notification is for (from core's effects and the scheduler). */
export type Audience = 'citizen' | 'handler' | 'staff' | 'supervisor' | 'merged_reporters';

/** Supervisors' mail goes out as one digest per window of this length (the escalation scan runs every 10 minutes). */
export const SUPERVISOR_DIGEST_MS = 10 * 60_000;
/** The job that sends one supervisor's digest of a window (also the digest mail's template). */
export const SUPERVISOR_DIGEST_JOB = SUPERVISOR_DIGEST.name;

/**
 * What identifies one sending: the job that sends it. Inbox messages get ids derived from it, so
 * a job that runs again (a retry after a failed mail, a claim whose lock ran out) stores nothing twice.
 */
export interface Sending {
  key?: string | undefined;
}

/** Only the reply's own message carries the reply; other messages would repeat an old one. */
const CARRIES_REPLY = new Set(['case.replied']);

/** Sends notifications. */
export class NotificationService {
  constructor(
    private readonly ctx: Pick<ServiceDeps, 'config' | 'repos' | 'clock' | 'cipher'>,
    private readonly mailer: Mailer,
    private readonly sms: SmsDriver,
  ) {}

  private baseUrl(): string {
    return this.ctx.config.publicUrl ?? `http://${this.ctx.config.host === '0.0.0.0' ? 'localhost' : this.ctx.config.host}:${this.ctx.config.port}`;
  }

  private data(record: CaseRecord, forCitizen: boolean, template: string, extra: Partial<TemplateData> = {}): TemplateData {
    return {
      trackingCode: record.trackingCode,
      // Staff read titles with phone and ID numbers masked, as on the case page; the citizen wrote theirs.
      title: forCitizen ? record.title : maskForStaff(record.title),
      link: forCitizen ? `${this.baseUrl()}/m/track/${record.trackingCode}` : `${this.baseUrl()}/console/cases/${record.id}`,
      reply: CARRIES_REPLY.has(template) ? record.replyContent : null,
      dueAt: record.replyDueAt,
      ...extra,
    };
  }

  /** Notifies `audience` of case `caseId` with `template`. */
  async notify(caseId: string, audience: Audience, template: string, extra: Partial<TemplateData> = {}, sending: Sending = {}): Promise<void> {
    const record = await this.ctx.repos.cases.find(caseId);
    if (!record) return;
    if (audience === 'citizen') return this.toCitizen(record, template, extra);
    if (audience === 'merged_reporters') {
      const merged = await this.ctx.repos.cases.list({ all: true }, { pageSize: 200 });
      for (const c of merged.items.filter((m) => m.mergedInto === record.id)) await this.toCitizen(c, template, { ...extra, reply: record.replyContent });
      return;
    }
    const users = await this.recipients(record, audience);
    if (audience === 'supervisor') return this.toSupervisors(users, record, template, extra, sending);
    await this.toUsers(users, record, template, extra, sending);
  }

  /** Accounts behind an audience of a case. */
  async recipients(record: CaseRecord, audience: Exclude<Audience, 'citizen' | 'merged_reporters'>): Promise<UserRecord[]> {
    const users = this.ctx.repos.users;
    if (audience === 'handler') {
      if (record.departmentId) return users.recipients({ departmentId: record.departmentId });
      if (record.deputyId) return users.recipients({ deputyId: record.deputyId });
      return [];
    }
    if (audience === 'staff') return users.recipients({ role: 'staff', containingUnitPath: record.unitPath });
    return users.recipients({ role: 'supervisor', containingUnitPath: record.unitPath });
  }

  /** Inbox message plus email to each account. */
  async toUsers(users: UserRecord[], record: CaseRecord, template: string, extra: Partial<TemplateData> = {}, sending: Sending = {}): Promise<void> {
    const message = await this.toInbox(users, record, template, extra, sending);
    for (const user of users) {
      if (user.email)
        await this.deliver('email', user.email, template, record.id, () => this.mailer.send({ to: user.email!, subject: message.subject, text: message.text }));
    }
  }

  /** Inbox message now; the mail joins the supervisor's digest of the current window. */
  private async toSupervisors(users: UserRecord[], record: CaseRecord, template: string, extra: Partial<TemplateData>, sending: Sending): Promise<void> {
    await this.toInbox(users, record, template, extra, sending);
    const now = this.ctx.clock.now();
    const from = Math.floor(now.getTime() / SUPERVISOR_DIGEST_MS) * SUPERVISOR_DIGEST_MS;
    const window = { from: new Date(from).toISOString(), to: new Date(from + SUPERVISOR_DIGEST_MS).toISOString() };
    // One job per supervisor and window (its id says so), however many cases and steps the window brings.
    await enqueueAll(
      this.ctx.repos,
      users
        .filter((u) => u.email)
        .map((u) =>
          newJob(
            SUPERVISOR_DIGEST.name,
            { userId: u.id, ...window },
            { id: `${SUPERVISOR_DIGEST_JOB}:${u.id}:${window.from}`, runAt: window.to, now: now.toISOString() },
          ),
        ),
    );
  }

  /** Mails one supervisor every case message their inbox got in the window, as one digest. */
  async supervisorDigest(userId: string, window: { from: string; to: string }): Promise<void> {
    const user = await this.ctx.repos.users.find(userId);
    if (!user?.active || !user.email) return;
    const items = (await this.ctx.repos.notifications.createdBetween(userId, window.from, window.to)).filter((n) => n.caseId);
    if (!items.length) return;
    const lines = items.map((n, i) => `\n${i + 1}. ${n.body}`);
    const message = renderTemplate(SUPERVISOR_DIGEST_JOB, {
      trackingCode: '',
      title: '',
      link: `${this.baseUrl()}/console/cases?worklist=supervised`,
      count: items.length,
      lines,
    });
    await this.deliver('email', user.email, SUPERVISOR_DIGEST_JOB, null, () =>
      this.mailer.send({ to: user.email!, subject: message.subject, text: message.text }),
    );
  }

  private async toInbox(users: UserRecord[], record: CaseRecord, template: string, extra: Partial<TemplateData>, sending: Sending) {
    const now = this.ctx.clock.now().toISOString();
    const message = renderTemplate(template, this.data(record, false, template, extra));
    await this.ctx.repos.notifications.add(
      users.map((u) => ({
        id: sending.key ? stableId(`${sending.key}:${u.id}`) : randomUUID(),
        userId: u.id,
        kind: template,
        title: message.subject,
        body: message.text,
        link: `/console/cases/${record.id}`,
        caseId: record.id,
        readAt: null,
        createdAt: now,
      })),
    );
    return message;
  }

  private async toCitizen(record: CaseRecord, template: string, extra: Partial<TemplateData>): Promise<void> {
    const message = renderTemplate(template, this.data(record, true, template, extra));
    const email = this.ctx.cipher.decrypt(record.reporterEmailEnc);
    const phone = this.ctx.cipher.decrypt(record.reporterPhoneEnc);
    if (email) await this.deliver('email', email, template, record.id, () => this.mailer.send({ to: email, subject: message.subject, text: message.text }));
    if (phone) await this.deliver('sms', phone, template, record.id, () => this.sms.send(phone, message.sms));
  }

  /** Sends one message and logs the attempt; a failure is logged and rethrown (the job retries). */
  private async deliver(channel: 'email' | 'sms', recipient: string, template: string, caseId: string | null, send: () => Promise<void>): Promise<void> {
    const base = { id: randomUUID(), channel, recipientHash: this.ctx.cipher.hash(recipient), template, caseId, createdAt: this.ctx.clock.now().toISOString() };
    try {
      await send();
      await this.ctx.repos.notifications.logDelivery({ ...base, status: 'sent', error: null, sentAt: this.ctx.clock.now().toISOString() });
    } catch (error) {
      await this.ctx.repos.notifications.logDelivery({ ...base, status: 'failed', error: String(error).slice(0, 500), sentAt: null });
      throw error;
    }
  }
}
