/**
 * How webhook deliveries are signed, and how a receiver checks them.
 *
 * Each delivery carries `X-Lianxin-Webhook-Signature: t=<unix seconds>,v1=<hex>` where
 * `<hex>` is HMAC-SHA256 with the subscription's secret over the UTF-8 bytes of
 * `<t>.<raw request body>`. A receiver recomputes it over the body exactly as received,
 * compares in constant time, and rejects timestamps more than five minutes away from its
 * own clock (so a captured delivery cannot be replayed later). `X-Lianxin-Delivery` is the
 * same on every retry of one delivery: receivers use it to process an event once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header that carries the timestamp and signature. */
export const SIGNATURE_HEADER = 'x-lianxin-webhook-signature';
/** Header with the delivery id (stable across retries). */
export const DELIVERY_HEADER = 'x-lianxin-delivery';
/** Header with the event type. */
export const EVENT_HEADER = 'x-lianxin-event';
/** How far a signature's timestamp may be from the receiver's clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** HMAC-SHA256 hex of `<timestamp>.<body>`. */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The signature header's value for a body sent at `timestamp` (unix seconds). */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;
}

/** A receiver's check: true when the header signs `body` with `secret` within the tolerance. */
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    }),
  );
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, timestamp, body), 'hex');
  const given = Buffer.from(String(parts.v1 ?? ''), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
