/**
 * Pure helpers of the submit form: its values, client-side checks (the same limits as the
 * server), the request body, the station suggested by the address, the category levels,
 * and where a server error `details[].path` belongs.
 */
import type { AppealKindCode, OpinionSubmit, PublicCategory, PublicUnit } from '../shared/contract-types';
import type { MessageKey } from './i18n';

/** Shortest and longest content. */
export const CONTENT_MIN = 5;
export const CONTENT_MAX = 4000;
export const TITLE_MAX = 100;
export const ADDRESS_MAX = 200;
export const NAME_MAX = 50;

/** The form's fields, in page order (the error summary lists them in this order). */
export const SUBMIT_FIELDS = ['kind', 'category', 'unitId', 'title', 'content', 'address', 'name', 'phone', 'email', 'photos'] as const;
/** A field of the form. */
export type SubmitField = (typeof SUBMIT_FIELDS)[number];

/** What the form holds. */
export interface SubmitValues {
  kind: AppealKindCode | '';
  categoryParent: string;
  categoryChild: string;
  unitId: string;
  title: string;
  content: string;
  address: string;
  name: string;
  phone: string;
  email: string;
  anonymous: boolean;
  consentPublic: boolean;
}

/** An empty form. */
export const EMPTY_VALUES: SubmitValues = {
  kind: '',
  categoryParent: '',
  categoryChild: '',
  unitId: '',
  title: '',
  content: '',
  address: '',
  name: '',
  phone: '',
  email: '',
  anonymous: false,
  consentPublic: false,
};

/** One problem with one field. */
export interface FieldProblem {
  field: SubmitField;
  key: MessageKey;
  vars?: Record<string, string | number>;
}

const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Client-side checks; the server checks again. */
export function validateSubmit(values: SubmitValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const content = values.content.trim();
  if (content.length === 0) problems.push({ field: 'content', key: 'errContentRequired' });
  else if (content.length < CONTENT_MIN) problems.push({ field: 'content', key: 'errContentShort', vars: { min: CONTENT_MIN } });
  else if (content.length > CONTENT_MAX) problems.push({ field: 'content', key: 'errContentLong', vars: { max: CONTENT_MAX } });
  if (values.title.trim().length > TITLE_MAX) problems.push({ field: 'title', key: 'errTooLong', vars: { max: TITLE_MAX } });
  if (values.address.trim().length > ADDRESS_MAX) problems.push({ field: 'address', key: 'errTooLong', vars: { max: ADDRESS_MAX } });
  if (!values.anonymous && values.name.trim().length > NAME_MAX) problems.push({ field: 'name', key: 'errTooLong', vars: { max: NAME_MAX } });
  const phone = values.phone.trim();
  if (phone && !PHONE.test(phone)) problems.push({ field: 'phone', key: 'errPhone' });
  const email = values.email.trim();
  if (email && (!EMAIL.test(email) || email.length > 200)) problems.push({ field: 'email', key: 'errEmail' });
  return problems;
}

/** The request body (without the challenge). */
export function buildSubmitBody(values: SubmitValues, attachmentIds: string[]): OpinionSubmit {
  const text = (value: string) => value.trim() || undefined;
  const contact = {
    name: values.anonymous ? undefined : text(values.name),
    phone: text(values.phone),
    email: text(values.email),
  };
  const hasContact = Object.values(contact).some((v) => v !== undefined);
  return {
    content: values.content.trim(),
    ...(text(values.title) ? { title: text(values.title) } : {}),
    ...(values.kind ? { kind: values.kind } : {}),
    ...(values.categoryChild || values.categoryParent ? { categoryId: values.categoryChild || values.categoryParent } : {}),
    ...(values.unitId ? { unitId: values.unitId } : {}),
    ...(text(values.address) ? { address: text(values.address) } : {}),
    ...(hasContact ? { contact: JSON.parse(JSON.stringify(contact)) as OpinionSubmit['contact'] } : {}),
    anonymous: values.anonymous,
    consentPublic: values.consentPublic,
    ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
  };
}

/** The form field a server `details[].path` refers to (null: a problem of the whole form). */
export function fieldOfPath(path: string): SubmitField | null {
  const head = path.split('.')[0];
  switch (head) {
    case 'kind':
    case 'title':
    case 'content':
    case 'address':
    case 'unitId':
      return head;
    case 'categoryId':
      return 'category';
    case 'deputyId':
      return 'unitId';
    case 'attachmentIds':
      return 'photos';
    case 'contact': {
      const leaf = path.split('.')[1];
      return leaf === 'name' || leaf === 'phone' || leaf === 'email' ? leaf : 'phone';
    }
    default:
      return null;
  }
}

/** Dictionary key of a server validation code. */
export function detailMessageKey(code: string): MessageKey {
  switch (code) {
    case 'too_small':
      return 'errTooShortGeneric';
    case 'too_big':
      return 'errTooLongGeneric';
    case 'invalid_format':
    case 'invalid_string':
      return 'errFormat';
    default:
      return 'errInvalid';
  }
}

/** A region's name without its 街道 / 镇 / 乡 suffix (安阳街道 → 安阳). */
export function regionCore(region: string): string {
  return region.replace(/(街道|镇|乡|经济开发区|开发区)$/, '');
}

/** The station whose region the address mentions (longest match wins), if any. */
export function suggestStation(units: readonly PublicUnit[], address: string): PublicUnit | undefined {
  const text = address.trim();
  if (text.length < 2) return undefined;
  let best: { unit: PublicUnit; length: number } | undefined;
  for (const unit of units) {
    if (unit.kind !== 'station' || !unit.region) continue;
    for (const name of [unit.region, regionCore(unit.region)]) {
      if (name.length >= 2 && text.includes(name) && (!best || name.length > best.length)) best = { unit, length: name.length };
    }
  }
  return best?.unit;
}

/** First-level categories and the children of each. */
export function categoryLevels(categories: readonly PublicCategory[]): { roots: PublicCategory[]; childrenOf: (id: string) => PublicCategory[] } {
  const roots = categories.filter((c) => !c.parentId);
  const byParent = new Map<string, PublicCategory[]>();
  for (const c of categories) {
    if (!c.parentId) continue;
    const list = byParent.get(c.parentId) ?? [];
    list.push(c);
    byParent.set(c.parentId, list);
  }
  return { roots, childrenOf: (id) => byParent.get(id) ?? [] };
}

/** A fresh idempotency key (a UUID) for one filling of the form. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
