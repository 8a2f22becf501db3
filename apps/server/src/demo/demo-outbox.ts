/**
 * The demo outbox: in demo mode the worker's mailer and SMS driver keep a copy of every message
 * they sent (the recipient masked, and any contact data in the text, before it is stored), so the console can show what a demo
 * install would have sent — it sends mail and texts to the log only. Outside demo mode the
 * drivers are used as they are.
 */
import { maskEmail, maskPhone, maskPii } from '@lianxin/text';
import type { Clock } from '@lianxin/core';
import type { Repositories } from '@lianxin/storage';
import { newId } from '../platform/adapters/ids';
import type { Mailer } from '../platform/adapters/mailer';
import type { SmsDriver } from '../platform/adapters/sms';

/** `mailer`, keeping a copy of each message it sent. */
export function recordingMailer(mailer: Mailer, repos: Repositories, clock: Clock): Mailer {
  return {
    kind: mailer.kind,
    send: async (m) => {
      await mailer.send(m);
      await repos.demoOutbox.add({
        id: newId(),
        channel: 'email',
        recipient: maskEmail(m.to) ?? '',
        subject: maskPii(m.subject),
        body: maskPii(m.text),
        sentAt: clock.now().toISOString(),
      });
    },
  };
}

/** `sms`, keeping a copy of each message it sent. */
export function recordingSms(sms: SmsDriver, repos: Repositories, clock: Clock): SmsDriver {
  return {
    kind: sms.kind,
    send: async (to, text) => {
      await sms.send(to, text);
      await repos.demoOutbox.add({
        id: newId(),
        channel: 'sms',
        recipient: maskPhone(to) ?? '',
        subject: null,
        body: maskPii(text),
        sentAt: clock.now().toISOString(),
      });
    },
  };
}
