/** Words of the demo outbox page in English. Keys mirror `messages-zh.ts`. */
import type { demoOutboxZh } from './messages-zh';

export const demoOutboxEn: typeof demoOutboxZh = {
  nav: 'Demo outbox',
  title: 'Demo outbox',
  intro:
    'A demo install sends no real email or text messages; it writes them to the log. Every notification it “sent” is listed here, recipients masked. Offered in demo mode only.',
  sentAt: 'Sent (Beijing time)',
  channel: 'Channel',
  channels: { email: 'Email', sms: 'SMS' },
  recipient: 'Recipient',
  subject: 'Subject',
  text: 'Text',
  empty: 'Nothing sent yet',
  refresh: 'Refresh',
  total: '{{total}} in all',
};
