/**
 * People-facing names of case events and channels, zh-CN and English.
 */
import { CASE_CHANNELS, type CaseChannel } from '@lianxin/contracts';
import { CASE_STATUS_LABELS, type CaseEventType, type CaseStatus } from '@lianxin/core';

/** Language of a response. */
export type Language = 'zh' | 'en';

const EVENT_LABELS: Record<CaseEventType, { zh: string; en: string }> = {
  submitted: { zh: '已提交', en: 'Submitted' },
  accept: { zh: '已受理', en: 'Accepted' },
  reject: { zh: '不予受理', en: 'Not accepted' },
  answer_on_site: { zh: '当场答复', en: 'Answered on site' },
  assign: { zh: '已交办', en: 'Assigned' },
  reassigned: { zh: '重新交办', en: 'Assigned again' },
  sign: { zh: '承办单位已签收', en: 'Signed for by the handler' },
  return: { zh: '退回重新交办', en: 'Returned' },
  reply: { zh: '已答复', en: 'Replied' },
  request_extension: { zh: '申请延期', en: 'Extension requested' },
  approve_extension: { zh: '同意延期', en: 'Extension approved' },
  deny_extension: { zh: '不同意延期', en: 'Extension denied' },
  urge: { zh: '催办', en: 'Urged' },
  supervise: { zh: '督办', en: 'Under supervision' },
  rate: { zh: '已评价', en: 'Rated' },
  reopen: { zh: '重新办理', en: 'Reopened' },
  close: { zh: '已办结', en: 'Closed' },
  merge: { zh: '已合并', en: 'Merged' },
  convert: { zh: '转为代表建议', en: 'Turned into a suggestion' },
  note: { zh: '备注', en: 'Note' },
};

const CHANNEL_LABELS: Record<CaseChannel, { zh: string; en: string }> = {
  online: { zh: '网上提交', en: 'Online' },
  qr: { zh: '扫码提交', en: 'QR code' },
  walk_in: { zh: '来访', en: 'Walk-in' },
  phone: { zh: '来电', en: 'Phone' },
  visit: { zh: '走访', en: 'Visit' },
  deputy_visit: { zh: '代表走访', en: 'Deputy visit' },
  letter: { zh: '来信', en: 'Letter' },
  import: { zh: '导入', en: 'Import' },
  open311: { zh: 'Open311', en: 'Open311' },
};

/** Ordered channel codes. */
export const CHANNELS = CASE_CHANNELS;

/** Label of an event type. */
export function eventLabel(type: string, lang: Language): string {
  return EVENT_LABELS[type as CaseEventType]?.[lang] ?? type;
}

/** Label of a status. */
export function statusLabel(status: string, lang: Language): string {
  return CASE_STATUS_LABELS[status as CaseStatus]?.[lang] ?? status;
}

/** Label of a channel. */
export function channelLabel(channel: string, lang: Language): string {
  return CHANNEL_LABELS[channel as CaseChannel]?.[lang] ?? channel;
}

/** The response language from an Accept-Language header (zh unless English comes first). */
export function languageOf(acceptLanguage: string | undefined): Language {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'zh';
}
