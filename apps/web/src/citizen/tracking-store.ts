/**
 * What the citizen pages remember for the length of a browser session (sessionStorage):
 * the last submission's receipt, so the success page survives a reload, and the verify
 * code of each tracking code, so the tracking page does not ask again.
 */
import type { OpinionReceipt } from '../shared/contract-types';

const RECEIPT_KEY = 'lianxin.receipt';
const VERIFY_PREFIX = 'lianxin.verify.';

function read(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {
    // storage unavailable (private mode): the pages then ask again
  }
}

/** Remembers the receipt of the latest submission. */
export function saveReceipt(receipt: OpinionReceipt): void {
  write(RECEIPT_KEY, JSON.stringify(receipt));
}

/** The receipt of the latest submission in this session, if any. */
export function readReceipt(): OpinionReceipt | null {
  const text = read(RECEIPT_KEY);
  if (!text) return null;
  try {
    const value = JSON.parse(text) as OpinionReceipt;
    return typeof value?.trackingCode === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Remembers (or with null forgets) the verify code of a tracking code. */
export function saveVerify(trackingCode: string, verify: string | null): void {
  write(VERIFY_PREFIX + trackingCode, verify);
}

/** The remembered verify code of a tracking code. */
export function readVerify(trackingCode: string): string | null {
  return read(VERIFY_PREFIX + trackingCode);
}

/** The verify code a phone number gives: its last 4 digits. */
export function verifyFromPhone(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}
