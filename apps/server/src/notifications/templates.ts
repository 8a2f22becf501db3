/**
 * Message templates, zh-CN first and English second. Plain text: they go out by email,
 * SMS and the in-app inbox alike.
 */

/** Template names. */
export type TemplateName =
  | 'citizen.received'
  | 'citizen.replied'
  | 'citizen.closed'
  | 'handler.assigned'
  | 'handler.urged'
  | 'handler.reminder'
  | 'handler.digest'
  | 'supervisor.escalated';

/** Values a template may use. */
export interface TemplateData {
  trackingCode?: string;
  title?: string;
  trackUrl?: string;
  reply?: string;
  dueAt?: string;
  note?: string;
  count?: number;
  lines?: string[];
  verifyHint?: string;
}

/** A rendered message. */
export interface RenderedMessage {
  subject: string;
  text: string;
  /** Short form for SMS (≤ 70 Chinese characters where possible). */
  sms: string;
}

type Render = (d: TemplateData) => RenderedMessage;

const short = (text = '', n = 40) => (Array.from(text).length > n ? `${Array.from(text).slice(0, n).join('')}…` : text);

const ZH: Record<TemplateName, Render> = {
  'citizen.received': (d) => ({
    subject: `【连心】您的意见已收到（${d.trackingCode}）`,
    text: `您好！您反映的“${short(d.title)}”已收到，查询码：${d.trackingCode}。\n${d.verifyHint ?? ''}\n可随时查看办理进度：${d.trackUrl}\n我们将尽快受理并答复。`,
    sms: `【连心】意见已收到，查询码${d.trackingCode}，进度：${d.trackUrl}`,
  }),
  'citizen.replied': (d) => ({
    subject: `【连心】您的意见已答复（${d.trackingCode}）`,
    text: `您好！您反映的“${short(d.title)}”已有答复：\n\n${d.reply ?? ''}\n\n请对办理结果进行评价（满意/基本满意/不满意）：${d.trackUrl}`,
    sms: `【连心】您的意见${d.trackingCode}已答复，请查看并评价：${d.trackUrl}`,
  }),
  'citizen.closed': (d) => ({
    subject: `【连心】您的意见已办结（${d.trackingCode}）`,
    text: `您好！您反映的“${short(d.title)}”已办结。感谢您的参与。查看：${d.trackUrl}`,
    sms: `【连心】意见${d.trackingCode}已办结，感谢参与。`,
  }),
  'handler.assigned': (d) => ({
    subject: `【连心】新交办件：${short(d.title, 30)}`,
    text: `有一件民意件交由您办理：“${d.title}”（${d.trackingCode}），请于${d.dueAt ?? '期限内'}前签收办理。`,
    sms: `【连心】新交办件${d.trackingCode}，请及时签收办理。`,
  }),
  'handler.urged': (d) => ({
    subject: `【连心】催办：${short(d.title, 30)}`,
    text: `民意件“${d.title}”（${d.trackingCode}）已被催办。${d.note ? `催办意见：${d.note}` : ''}答复期限：${d.dueAt ?? '—'}。`,
    sms: `【连心】催办：${d.trackingCode}，请尽快办理。`,
  }),
  'handler.reminder': (d) => ({
    subject: `【连心】即将到期：${short(d.title, 30)}`,
    text: `民意件“${d.title}”（${d.trackingCode}）将于${d.dueAt}到期，请抓紧办理。`,
    sms: `【连心】${d.trackingCode}将于${d.dueAt}到期，请抓紧办理。`,
  }),
  'handler.digest': (d) => ({
    subject: `【连心】今日待办 ${d.count ?? 0} 件`,
    text: `您今日有 ${d.count ?? 0} 件待办：\n${(d.lines ?? []).join('\n')}`,
    sms: `【连心】您今日有${d.count ?? 0}件待办。`,
  }),
  'supervisor.escalated': (d) => ({
    subject: `【连心】督办提醒：${short(d.title, 30)}`,
    text: `民意件“${d.title}”（${d.trackingCode}）已逾期并升级督办。${d.note ?? ''}`,
    sms: `【连心】督办：${d.trackingCode}已逾期。`,
  }),
};

const EN: Record<TemplateName, Render> = {
  'citizen.received': (d) => ({
    subject: `[Lianxin] We received your opinion (${d.trackingCode})`,
    text: `Hello! We received "${short(d.title)}". Tracking code: ${d.trackingCode}.\n${d.verifyHint ?? ''}\nFollow it at ${d.trackUrl}`,
    sms: `[Lianxin] Received, code ${d.trackingCode}: ${d.trackUrl}`,
  }),
  'citizen.replied': (d) => ({
    subject: `[Lianxin] Your opinion has a reply (${d.trackingCode})`,
    text: `Hello! "${short(d.title)}" has a reply:\n\n${d.reply ?? ''}\n\nPlease rate it: ${d.trackUrl}`,
    sms: `[Lianxin] ${d.trackingCode} has a reply, please rate it: ${d.trackUrl}`,
  }),
  'citizen.closed': (d) => ({
    subject: `[Lianxin] Your opinion is closed (${d.trackingCode})`,
    text: `Hello! "${short(d.title)}" is closed. Thank you. ${d.trackUrl}`,
    sms: `[Lianxin] ${d.trackingCode} is closed. Thank you.`,
  }),
  'handler.assigned': (d) => ({
    subject: `[Lianxin] New case: ${short(d.title, 30)}`,
    text: `A case was assigned to you: "${d.title}" (${d.trackingCode}). Please sign for it by ${d.dueAt ?? 'the deadline'}.`,
    sms: `[Lianxin] New case ${d.trackingCode} assigned to you.`,
  }),
  'handler.urged': (d) => ({
    subject: `[Lianxin] Urged: ${short(d.title, 30)}`,
    text: `Case "${d.title}" (${d.trackingCode}) was urged. ${d.note ?? ''} Reply due: ${d.dueAt ?? '—'}.`,
    sms: `[Lianxin] Urged: ${d.trackingCode}.`,
  }),
  'handler.reminder': (d) => ({
    subject: `[Lianxin] Due soon: ${short(d.title, 30)}`,
    text: `Case "${d.title}" (${d.trackingCode}) is due ${d.dueAt}.`,
    sms: `[Lianxin] ${d.trackingCode} due ${d.dueAt}.`,
  }),
  'handler.digest': (d) => ({
    subject: `[Lianxin] ${d.count ?? 0} cases waiting for you today`,
    text: `${d.count ?? 0} cases are waiting:\n${(d.lines ?? []).join('\n')}`,
    sms: `[Lianxin] ${d.count ?? 0} cases waiting today.`,
  }),
  'supervisor.escalated': (d) => ({
    subject: `[Lianxin] Escalated: ${short(d.title, 30)}`,
    text: `Case "${d.title}" (${d.trackingCode}) is overdue and escalated. ${d.note ?? ''}`,
    sms: `[Lianxin] Escalated: ${d.trackingCode}.`,
  }),
};

/** Renders a template in a language (zh-CN unless `en`). */
export function renderTemplate(name: TemplateName, data: TemplateData, language: 'zh' | 'en' = 'zh'): RenderedMessage {
  return (language === 'en' ? EN : ZH)[name](data);
}
