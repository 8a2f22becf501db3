/**
 * Message templates for the workflow's notifications (`case.*` names from core) and the
 * scheduler's (`handler.*`, `supervisor.*`), zh-CN first and English second. Plain text:
 * they go out by email, SMS and the in-app inbox alike. Times are China time to the minute
 * (`2026-12-29 23:59`), never ISO.
 */
import { formatChinaDateTime, type CaseNotifyTemplate } from '@lianxin/core';

/** Values a template may use. */
export interface TemplateData {
  trackingCode: string;
  title: string;
  /** Absolute link to the tracking page (citizens) or the case page (staff). */
  link: string;
  reply?: string | null;
  dueAt?: string | null;
  /** Which deadline `dueAt` is: the reply's (办理期限, the default) or the handler's signing (签收期限). */
  dueKind?: 'reply' | 'sign';
  note?: string | null;
  count?: number;
  lines?: string[];
}

/** A rendered message. */
export interface RenderedMessage {
  subject: string;
  text: string;
  /** Short form for SMS. */
  sms: string;
}

/** Messages of the scheduler (reminders, digests, escalations). */
export type ScheduledTemplate = 'handler.reminder' | 'handler.digest' | 'supervisor.escalated' | 'supervisor.digest';

/**
 * Headline per template: [zh, en], keyed by every message the workflow and the scheduler
 * send (tsc asks for a new one). Other names (the proposals') fall back to a generic update.
 */
const HEADLINES: Record<CaseNotifyTemplate | ScheduledTemplate, [string, string]> = {
  'case.received': ['您的意见已收到', 'We received your opinion'],
  'case.new': ['有新的群众意见待受理', 'A new opinion is waiting to be accepted'],
  'case.accepted': ['您的意见已受理', 'Your opinion was accepted'],
  'case.rejected': ['您的意见不予受理', 'Your opinion was not accepted'],
  'case.assigned': ['有新的交办件', 'A case was assigned to you'],
  'case.returned': ['交办件被退回，请重新交办', 'A case was returned; please assign it again'],
  'case.replied': ['您的意见已答复，请评价', 'Your opinion has a reply; please rate it'],
  'case.extension_requested': ['承办单位申请延期', 'The handler asks for an extension'],
  'case.extension_approved': ['延期申请已同意', 'Extension approved'],
  'case.extension_denied': ['延期申请未同意', 'Extension denied'],
  'case.urged': ['催办通知', 'The case was urged'],
  'case.supervised': ['督办通知', 'The case is under supervision'],
  'case.rated': ['群众已评价', 'The reporter rated the reply'],
  'case.reopened': ['群众不满意，需重新办理', 'The reporter was not satisfied; handle it again'],
  'case.unsatisfied_again': ['群众再次不满意，已升级督办', 'Unsatisfied again: escalated to supervision'],
  'case.merged_unsatisfied': ['合并件反映人不满意', 'A reporter of a merged case was not satisfied'],
  'case.closed': ['您的意见已办结', 'Your opinion is closed'],
  'case.merged': ['您的意见已与同类意见合并办理', 'Your opinion is handled together with a similar one'],
  'case.converted': ['您的意见已纳入代表建议', 'Your opinion became part of a deputy suggestion'],
  'handler.reminder': ['办理期限即将到期', 'Due soon'],
  'handler.digest': ['今日待办', 'Waiting for you today'],
  'supervisor.escalated': ['逾期件已升级督办', 'Overdue case escalated'],
  'supervisor.digest': ['督办汇总', 'Supervision digest'],
};

/** Renders a template in a language (zh-CN unless `en`). */
export function renderTemplate(name: string, data: TemplateData, language: 'zh' | 'en' = 'zh'): RenderedMessage {
  const en = language === 'en';
  const [zh, english] =
    name === 'handler.reminder' && data.dueKind === 'sign'
      ? ['签收期限即将到期', 'Signing due soon']
      : ((HEADLINES as Record<string, [string, string] | undefined>)[name] ?? ['办理进度更新', 'Progress update']);
  const headline = en ? english : zh;
  const brand = en ? '[Lianxin]' : '【连心】';
  if (name === 'handler.digest' || name === 'supervisor.digest') {
    const count = data.count ?? 0;
    return {
      subject: `${brand} ${headline}: ${count}`,
      text: `${headline}: ${count}\n${(data.lines ?? []).join('\n')}\n${data.link}`,
      sms: `${brand}${headline} ${count}`,
    };
  }
  const due = formatChinaDateTime(data.dueAt);
  const dueLabel = data.dueKind === 'sign' ? (en ? 'Sign by' : '签收期限') : en ? 'Due' : '办理期限';
  const lines = [
    en ? `${headline}: "${data.title}" (${data.trackingCode}).` : `${headline}：“${data.title}”（查询码 ${data.trackingCode}）。`,
    data.reply ? (en ? `Reply:\n${data.reply}` : `答复内容：\n${data.reply}`) : '',
    data.note ? (en ? `Note: ${data.note}` : `说明：${data.note}`) : '',
    due ? (en ? `${dueLabel}: ${due}` : `${dueLabel}：${due}`) : '',
    data.link,
  ].filter(Boolean);
  return {
    subject: `${brand} ${headline}（${data.trackingCode}）`,
    text: lines.join('\n'),
    sms: `${brand}${headline}，查询码${data.trackingCode}：${data.link}`,
  };
}
