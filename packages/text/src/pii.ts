/**
 * Personal data in free text: mainland mobile and landline numbers, resident ID card numbers
 * (GB 11643 checksum), bank card numbers (Luhn), email addresses and the house-number part of
 * detailed street addresses (门牌号). Only checksum-valid ID and bank card numbers count, so
 * dates, amounts and case numbers are not flagged; an address counts only where a number sits
 * on a road, village or estate name or forms a building/unit/room chain, so counts ("3栋楼"),
 * layouts ("3室1厅") and dates ("2号") are not flagged.
 */
import { maskEmail } from './mask';

/** Kinds of personal data found in text. */
export type PiiKind = 'mobile' | 'landline' | 'idCard' | 'bankCard' | 'email' | 'address';

/** Every kind, for callers that list them. */
export const PII_KINDS: readonly PiiKind[] = ['mobile', 'landline', 'idCard', 'bankCard', 'email', 'address'];

/**
 * The kinds staff see masked in case titles and texts until they use the audited reveal: the
 * numbers that reach or identify a person. Addresses, cards and emails stay readable to the
 * handlers who need them (public pages and exports mask every kind).
 */
export const STAFF_MASKED_KINDS: readonly PiiKind[] = ['mobile', 'landline', 'idCard'];

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
// 18 characters, also written in groups (330381 19900307 1237).
const ID_CARD = /(?<![0-9A-Za-z])[1-9]\d{5}[ -]?\d{8}[ -]?\d{3}[\dXx](?![0-9A-Za-z])/g;
// 16–19 digits, optionally grouped by spaces or dashes (6222 0212 3456 7890 123).
const BANK_CARD = /(?<![\d-])[3-6]\d{3}(?:[ -]?\d){12,15}(?![\d-])/g;
// +86 / 0086 optional, then 1[3-9] and nine more digits, tolerant to single spaces or dashes.
const MOBILE = /(?<![\d+])(?:(?:\+|00)86[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?![\d])/g;
// Area code (010, 02x, 0xxx) then 7–8 digits, optionally with a dash/space or the area code in brackets.
const LANDLINE = /(?<![\d-])(?:\(0(?:10|2\d|[3-9]\d{2})\)|0(?:10|2\d|[3-9]\d{2}))[ -]?[2-9]\d{6,7}(?![\d-])/g;

// Detailed addresses. A part is a number with what it numbers: house (号), lane (弄/巷), building
// (号楼/栋/幢/座), unit (单元), floor (层/楼), room (室/号房). Digits only: the area before stays.
const PART = String.raw`\d{1,5}(?:号楼|号院|号房|号|弄|巷|栋|幢|座|单元|层|楼|室)`;
const CHAIN = String.raw`(?:\s?${PART})*`;
// Not a count, an age or a date: "3栋楼", "2-3年", "12个".
const NOT_COUNT = String.raw`(?![\d年月日天个户人元次名万岁楼房])`;
// 万松路88号…, 罗凤村12号, 文化路108弄3号: a house or lane number right after a road or village name.
const STREET_NUMBER = new RegExp(String.raw`(?<=(?:路|街|巷|弄|胡同|大道|村))\s?\d{1,5}(?:[-之]\d{1,4})?(?:号|弄|巷)${CHAIN}`, 'g');
// 3幢2单元501室, 5号楼1单元, 2栋301: a building followed by its unit, floor or room.
const BUILDING_CHAIN = new RegExp(
  String.raw`(?<![\d-])\d{1,4}(?:号楼|栋|幢|座|单元)(?:\s?\d{1,4}(?:单元|层|楼|室|号房|号))+(?:\s?\d{3,4}${NOT_COUNT})?|(?<![\d-])\d{1,4}(?:号楼|栋|幢|座)\s?\d{3,4}${NOT_COUNT}`,
  'g',
);
// 1201室: a room number (a layout like 3室1厅 has one digit).
const ROOM = /(?<![\d-])\d{3,4}室/g;
// 阳光小区3-2-501, 金鑫花园5幢1单元: numbers right after an estate's name.
const ESTATE = String.raw`(?:小区|花园|家园|新村|公寓|大厦|公馆|社区|苑|园|府|村)`;
const ESTATE_NUMBER = new RegExp(
  String.raw`(?<=${ESTATE})\s?(?:\d{1,3}(?:[-－—]\d{1,4}){1,2}(?:室|号)?${NOT_COUNT}|\d{1,4}(?:号楼|栋|幢|座|单元)(?![楼房])${CHAIN}(?:\s?\d{3,4}${NOT_COUNT})?)`,
  'g',
);

const PRIORITY: Record<PiiKind, number> = { email: 0, idCard: 1, bankCard: 2, mobile: 3, landline: 4, address: 5 };

function collect(text: string, re: RegExp, kind: PiiKind, accept: (value: string) => boolean, into: PiiMatch[]): void {
  for (const m of text.matchAll(re)) {
    if (accept(m[0])) into.push({ kind, start: m.index, end: m.index + m[0].length, value: m[0] });
  }
}

const digitsOf = (value: string): string => value.replace(/\D/g, '');
// An 18-digit number with an ID card's birth-date layout is a mistyped ID, not a bank card.
const looksLikeIdCard = (digits: string): boolean => digits.length === 18 && /^\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])/.test(digits);

/** Detailed-address numbers, overlapping or touching pieces joined into one match. */
function addresses(text: string): PiiMatch[] {
  const pieces: PiiMatch[] = [];
  for (const re of [STREET_NUMBER, BUILDING_CHAIN, ROOM, ESTATE_NUMBER]) collect(text, re, 'address', () => true, pieces);
  pieces.sort((a, b) => a.start - b.start || b.end - a.end);
  const joined: PiiMatch[] = [];
  for (const m of pieces) {
    const last = joined.at(-1);
    if (last && m.start <= last.end) {
      last.end = Math.max(last.end, m.end);
      last.value = text.slice(last.start, last.end);
    } else joined.push({ ...m });
  }
  // A leading space belongs to the text before ("万松路 88号"), not to the number.
  return joined.map((m) => {
    const lead = m.value.length - m.value.trimStart().length;
    return lead ? { ...m, start: m.start + lead, value: m.value.slice(lead) } : m;
  });
}

/** Finds personal data in `text`, in order of position, without overlaps (email > ID card > bank card > mobile > landline > address). */
export function findPii(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  collect(text, EMAIL, 'email', () => true, found);
  collect(text, ID_CARD, 'idCard', (v) => isValidIdCard(v.replace(/[ -]/g, '')), found);
  collect(text, BANK_CARD, 'bankCard', (v) => passesLuhn(digitsOf(v)) && !looksLikeIdCard(digitsOf(v)), found);
  collect(text, MOBILE, 'mobile', () => true, found);
  collect(text, LANDLINE, 'landline', () => true, found);
  found.push(...addresses(text));
  found.sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || a.start - b.start);
  const kept: PiiMatch[] = [];
  for (const m of found) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The masked form of one match: 138****5678, 0577-****234, 3303**********123X, 6222 **** **** 1234, z***@example.com, **号*幢*单元***室. */
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
    case 'idCard': {
      const id = value.replace(/[ -]/g, '');
      return `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(-4).toUpperCase()}`;
    }
    case 'bankCard':
      return `${digits.slice(0, 4)} **** **** ${digits.slice(-4)}`;
    case 'email':
      return maskEmail(value) ?? '***';
    case 'address':
      // The road, village or estate stays in the text; every digit of the number goes.
      return value.replace(/\d/g, '*');
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

/** A case text as staff read it before the audited reveal: phone and ID card numbers masked. */
export function maskForStaff(text: string): string {
  return maskPii(text, STAFF_MASKED_KINDS);
}
