/**
 * Personal data in free text: mainland mobile and landline numbers, resident ID card numbers
 * (GB 11643 checksum), bank card numbers (Luhn) and email addresses. Only checksum-valid ID and
 * bank card numbers count, so dates, amounts and case numbers are not flagged.
 */
import { maskEmail } from './mask';

/** Kinds of personal data found in text. */
export type PiiKind = 'mobile' | 'landline' | 'idCard' | 'bankCard' | 'email';

/** One occurrence of personal data: `text.slice(start, end) === value`. */
export interface PiiMatch {
  /** What was found. */
  kind: PiiKind;
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset after the last character. */
  end: number;
  /** The text as written (with its spaces or dashes). */
  value: string;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** True when `id` is an 18-character resident ID number with a plausible birth date and a valid GB 11643 check digit. */
export function isValidIdCard(id: string): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17].toUpperCase();
}

/** True when the digits pass the Luhn check (bank cards). */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const EMAIL =
  /[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}/g;
const ID_CARD = /(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/g;
// 16–19 digits, optionally grouped by spaces or dashes (6222 0212 3456 7890 123).
const BANK_CARD = /(?<![\d-])[3-6]\d{3}(?:[ -]?\d){12,15}(?![\d-])/g;
// +86 / 0086 optional, then 1[3-9] and nine more digits, tolerant to single spaces or dashes.
const MOBILE = /(?<![\d+])(?:(?:\+|00)86[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?![\d])/g;
// Area code (010, 02x, 0xxx) then 7–8 digits, optionally with a dash/space or the area code in brackets.
const LANDLINE = /(?<![\d-])(?:\(0(?:10|2\d|[3-9]\d{2})\)|0(?:10|2\d|[3-9]\d{2}))[ -]?[2-9]\d{6,7}(?![\d-])/g;

const PRIORITY: Record<PiiKind, number> = { email: 0, idCard: 1, bankCard: 2, mobile: 3, landline: 4 };

function collect(text: string, re: RegExp, kind: PiiKind, accept: (value: string) => boolean, into: PiiMatch[]): void {
  for (const m of text.matchAll(re)) {
    if (accept(m[0])) into.push({ kind, start: m.index, end: m.index + m[0].length, value: m[0] });
  }
}

const digitsOf = (value: string): string => value.replace(/\D/g, '');
// An 18-digit number with an ID card's birth-date layout is a mistyped ID, not a bank card.
const looksLikeIdCard = (digits: string): boolean => digits.length === 18 && /^\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])/.test(digits);

/** Finds personal data in `text`, in order of position, without overlaps (email > ID card > bank card > mobile > landline). */
export function findPii(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  collect(text, EMAIL, 'email', () => true, found);
  collect(text, ID_CARD, 'idCard', isValidIdCard, found);
  collect(text, BANK_CARD, 'bankCard', (v) => passesLuhn(digitsOf(v)) && !looksLikeIdCard(digitsOf(v)), found);
  collect(text, MOBILE, 'mobile', () => true, found);
  collect(text, LANDLINE, 'landline', () => true, found);
  found.sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || a.start - b.start);
  const kept: PiiMatch[] = [];
  for (const m of found) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The masked form of one match: 138****5678, 0577-****234, 3303**********123X, 6222 **** **** 1234, z***@example.com. */
export function maskPiiValue(kind: PiiKind, value: string): string {
  const digits = digitsOf(value);
  switch (kind) {
    case 'mobile': {
      const local = digits.slice(-11);
      return `${local.slice(0, 3)}****${local.slice(-4)}`;
    }
    case 'landline': {
      const areaLength = digits.startsWith('01') || digits.startsWith('02') ? 3 : 4;
      const local = digits.slice(areaLength);
      return `${digits.slice(0, areaLength)}-${'*'.repeat(local.length - 3)}${local.slice(-3)}`;
    }
    case 'idCard':
      return `${value.slice(0, 4)}${'*'.repeat(10)}${value.slice(-4).toUpperCase()}`;
    case 'bankCard':
      return `${digits.slice(0, 4)} **** **** ${digits.slice(-4)}`;
    case 'email':
      return maskEmail(value) ?? '***';
  }
}

/** Replaces every piece of personal data in `text` by its masked form, keeping a hint. */
export function maskPii(text: string, kinds?: readonly PiiKind[]): string {
  let out = '';
  let at = 0;
  for (const m of findPii(text)) {
    if (kinds && !kinds.includes(m.kind)) continue;
    out += text.slice(at, m.start) + maskPiiValue(m.kind, m.value);
    at = m.end;
  }
  return out + text.slice(at);
}

/** True when `text` contains personal data. */
export function containsPii(text: string): boolean {
  return findPii(text).length > 0;
}
