/**
 * Cases → API shapes: the citizen's tracking view (personal data in free text masked)
 * and the staff views (reporter contact, and phone and ID card numbers in the title and
 * text, masked until revealed).
 */
import type { CaseAttachment, CaseDetail, CaseEventView, CaseReveal, CaseSummary, OpinionView } from '@lianxin/contracts';
import type { CaseClockStatus, ClockState } from '@lianxin/core';
import { maskEmail, maskForStaff, maskName, maskPhone } from '@lianxin/text';
import type { AttachmentRecord, CaseEventRecord, CaseRecord } from '@lianxin/storage';
import type { AppContext } from '../context';
import type { CheckedSubmission } from '../intake/intake-writer';
import { eventLabel, statusLabel, type Language } from './case-labels';

/**
 * The reporter's own view of their case (shown only after the verify check, so it is not
 * masked; the public transparency pages mask personal data instead).
 */
export async function presentOpinion(ctx: AppContext, record: CaseRecord, lang: Language, canRate: boolean): Promise<OpinionView> {
  const [events, category, unit, attachments, suggestions] = await Promise.all([
    ctx.repos.cases.events(record.id),
    record.categoryId ? ctx.repos.categories.find(record.categoryId) : undefined,
    record.unitId ? ctx.repos.units.find(record.unitId) : undefined,
    ctx.repos.attachments.forCase(record.id),
    ctx.proposals.forCase(record.id),
  ]);
  const timeline = events
    .filter((e) => e.public)
    .map((e) => {
      const note = e.type === 'reject' ? (e.reason ?? undefined) : undefined;
      return { at: e.at, type: e.type, label: eventLabel(e.type, lang), ...(note ? { note } : {}) };
    });
  const workflow = record.workflow as { ratingDueAt?: string | null };
  return {
    trackingCode: record.trackingCode,
    status: record.status,
    statusLabel: statusLabel(record.status, lang),
    title: record.title,
    kind: record.kind,
    categoryName: category?.name ?? null,
    unitName: unit?.name ?? null,
    createdAt: record.createdAt,
    timeline,
    ...(record.replyContent ? { reply: { content: record.replyContent, at: record.repliedAt } } : {}),
    ...(record.rating && record.rating !== 'none' ? { rating: { rating: record.rating, comment: record.ratingComment, at: record.ratedAt } } : {}),
    canRate,
    ...(suggestions[0] ? { suggestion: { id: suggestions[0].id, title: suggestions[0].title, number: suggestions[0].number, type: suggestions[0].type } } : {}),
    ...(canRate && workflow.ratingDueAt ? { ratingDueAt: workflow.ratingDueAt } : {}),
    attachments: attachments.filter((a) => !a.eventId || events.find((e) => e.id === a.eventId)?.public).map((a) => ({ id: a.id, mime: a.mime })),
  };
}

/**
 * The reporter's view of a submission still waiting in the intake inbox: the same shape, from the
 * checked submission (status `submitted`, received at, the photos it takes).
 */
export async function presentWaitingOpinion(ctx: AppContext, waiting: CheckedSubmission, lang: Language): Promise<OpinionView> {
  const record = waiting.fields;
  const [category, unit, attachments] = await Promise.all([
    record.categoryId ? ctx.repos.categories.find(record.categoryId) : undefined,
    record.unitId ? ctx.repos.units.find(record.unitId) : undefined,
    Promise.all(waiting.attachmentIds.map((id) => ctx.repos.attachments.find(id))),
  ]);
  return {
    trackingCode: record.trackingCode,
    status: record.status,
    statusLabel: statusLabel(record.status, lang),
    title: record.title,
    kind: record.kind,
    categoryName: category?.name ?? null,
    unitName: unit?.name ?? null,
    createdAt: record.createdAt,
    timeline: [{ at: record.createdAt, type: 'submitted', label: eventLabel('submitted', lang) }],
    canRate: false,
    attachments: attachments.filter((a) => a !== undefined).map((a) => ({ id: a.id, mime: a.mime })),
  };
}

/** A case in a staff list. */
export function presentCaseSummary(record: CaseRecord, clock: ClockState | null, lang: Language): CaseSummary {
  return {
    id: record.id,
    trackingCode: record.trackingCode,
    title: maskForStaff(record.title),
    status: record.status,
    statusLabel: statusLabel(record.status, lang),
    kind: record.kind,
    channel: record.channel,
    categoryId: record.categoryId,
    unitId: record.unitId,
    departmentId: record.departmentId,
    deputyId: record.deputyId,
    createdAt: record.createdAt,
    replyDueAt: record.replyDueAt,
    clock,
    spamFlags: record.spamFlags,
  };
}

/** A case for staff, reporter contact masked. */
export function presentCaseDetail(ctx: AppContext, record: CaseRecord, clocks: CaseClockStatus, lang: Language): CaseDetail {
  const { cipher } = ctx;
  const content = maskForStaff(record.content);
  return {
    ...presentCaseSummary(record, clocks.worst, lang),
    content,
    // True when the title or text holds numbers the audited reveal shows (the reveal button's cue).
    textMasked: content !== record.content || maskForStaff(record.title) !== record.title,
    address: record.address,
    version: record.version,
    reporter: {
      name: maskName(cipher.decrypt(record.reporterNameEnc)),
      phone: maskPhone(cipher.decrypt(record.reporterPhoneEnc)),
      email: maskEmail(cipher.decrypt(record.reporterEmailEnc)),
    },
    anonymous: record.anonymous,
    consentPublic: record.consentPublic,
    acceptDueAt: record.acceptDueAt,
    signDueAt: record.signDueAt,
    rating: record.rating,
    ratingComment: record.ratingComment,
    replyContent: record.replyContent,
    reopenCount: record.reopenCount,
    mergedInto: record.mergedInto,
    suggestionId: record.suggestionId,
    targetDeputyId: record.targetDeputyId,
    enteredBy: record.enteredBy,
    supervised: record.supervised,
    clocks: { accept: clocks.accept, sign: clocks.sign, reply: clocks.reply },
  };
}

/** The case's title and text as written, for the audited reveal. */
export function revealedText(record: CaseRecord): CaseReveal['text'] {
  return { title: record.title, content: record.content };
}

/** Events for staff; `people` names the accounts that acted (cases/event-people.ts). */
export function presentEvents(events: CaseEventRecord[], lang: Language, people: ReadonlyMap<string, string> = new Map()): CaseEventView[] {
  return events.map((e) => ({
    id: e.id,
    type: e.type,
    label: eventLabel(e.type, lang),
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorName: (e.actorId ? people.get(e.actorId) : undefined) ?? e.actorName,
    actorKind: e.actorKind,
    at: e.at,
    reason: e.reason,
    // Written by the workflow (core/case-workflow.ts); the schema lists every key it writes.
    payload: e.payload,
    public: e.public,
  }));
}

/** Attachment metadata for staff. */
export function presentAttachments(attachments: AttachmentRecord[]): CaseAttachment[] {
  return attachments.map((a) => ({ id: a.id, mime: a.mime, size: a.size, width: a.width, height: a.height, url: `/api/v1/attachments/${a.id}` }));
}
