/**
 * Delivers the workflow's notifications: to the reporting citizen by email and SMS, to
 * handlers, station staff and supervisors in the in-app inbox and by email. Runs inside
 * jobs, so a failed delivery is retried with backoff.
 */
import { randomUUID } from 'node:crypto';
import type { CaseRecord, UserRecord } from '@lianxin/storage';
import type { AppContext } from '../context';
import type { Mailer } from '../adapters/mailer';
import type { SmsDriver } from '../adapters/sms';
import { renderTemplate, type TemplateData } from './templates';

/** Who a notification is for (from core's effects and the scheduler). */
export type Audience = 'citizen' | 'handler' | 'staff' | 'supervisor' | 'merged_reporters';

/** Sends notifications. */
export class NotificationService {
  constructor(
    private readonly ctx: AppContext,
    private readonly mailer: Mailer,
    private readonly sms: SmsDriver,
  ) {}

  private baseUrl(): string {
    return this.ctx.config.publicUrl ?? `http://${this.ctx.config.host === '0.0.0.0' ? 'localhost' : this.ctx.config.host}:${this.ctx.config.port}`;
  }

  private data(record: CaseRecord, forCitizen: boolean, extra: Partial<TemplateData> = {}): TemplateData {
    return {
      trackingCode: record.trackingCode,
      title: record.title,
      link: forCitizen ? `${this.baseUrl()}/m/track/${record.trackingCode}` : `${this.baseUrl()}/console/cases/${record.id}`,
      reply: record.replyContent,
      dueAt: record.replyDueAt,
      ...extra,
    };
  }

  /** Notifies `audience` of case `caseId` with `template`. */
  async notify(caseId: string, audience: Audience, template: string, extra: Partial<TemplateData> = {}): Promise<void> {
    const record = await this.ctx.repos.cases.find(caseId);
    if (!record) return;
    if (audience === 'citizen') return this.toCitizen(record, template, extra);
    if (audience === 'merged_reporters') {
      const merged = await this.ctx.repos.cases.list({ all: true }, { pageSize: 200 });
      for (const c of merged.items.filter((m) => m.mergedInto === record.id)) await this.toCitizen(c, template, { ...extra, reply: record.replyContent });
      return;
    }
    const users = await this.recipients(record, audience);
    await this.toUsers(users, record, template, extra);
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
  async toUsers(users: UserRecord[], record: CaseRecord, template: string, extra: Partial<TemplateData> = {}): Promise<void> {
    const now = this.ctx.clock.now().toISOString();
    const message = renderTemplate(template, this.data(record, false, extra));
    await this.ctx.repos.notifications.add(
      users.map((u) => ({
        id: randomUUID(),
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
    for (const user of users) {
      if (user.email)
        await this.deliver('email', user.email, template, record.id, () => this.mailer.send({ to: user.email!, subject: message.subject, text: message.text }));
    }
  }

  private async toCitizen(record: CaseRecord, template: string, extra: Partial<TemplateData>): Promise<void> {
    const message = renderTemplate(template, this.data(record, true, extra));
    const email = this.ctx.cipher.decrypt(record.reporterEmailEnc);
    const phone = this.ctx.cipher.decrypt(record.reporterPhoneEnc);
    if (email) await this.deliver('email', email, template, record.id, () => this.mailer.send({ to: email, subject: message.subject, text: message.text }));
    if (phone) await this.deliver('sms', phone, template, record.id, () => this.sms.send(phone, message.sms));
  }

  /** Sends one message and logs the attempt; a failure is logged and rethrown (the job retries). */
  private async deliver(channel: 'email' | 'sms', recipient: string, template: string, caseId: string, send: () => Promise<void>): Promise<void> {
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
