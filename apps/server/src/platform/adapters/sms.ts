/**
 * The SMS driver interface and its two drivers: `log` (writes a masked line to the log;
 * for demos and tests) and `webhook` (POSTs JSON to an SMS gateway, signed with
 * HMAC-SHA-256 in `X-Lianxin-Signature` so the gateway can trust it).
 */
import { createHmac } from 'node:crypto';
import { maskPhone } from '@lianxin/text';

/** Sends text messages. */
export interface SmsDriver {
  readonly kind: 'log' | 'webhook';
  send(to: string, text: string): Promise<void>;
}

/** Writes messages to the log, phone masked. */
export function logSmsDriver(log: (message: string) => void): SmsDriver {
  return { kind: 'log', send: async (to, text) => log(`sms to=${maskPhone(to)} text=${text.slice(0, 70)}`) };
}

/** POSTs `{ to, text }` to a gateway; a non-2xx answer is a failure (the job retries). */
export function webhookSmsDriver(url: string, secret: string | null): SmsDriver {
  return {
    kind: 'webhook',
    send: async (to, text) => {
      const body = JSON.stringify({ to, text });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (secret) headers['x-lianxin-signature'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}
