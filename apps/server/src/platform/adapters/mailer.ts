/**
 * Outgoing email over SMTP (nodemailer). Without an SMTP URL, mail is written to the log
 * so a demo install works without a mail server.
 */
import { loadNodemailer } from '../lazy-modules';

/** One message. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends email. */
export interface Mailer {
  readonly kind: 'smtp' | 'log';
  send(message: MailMessage): Promise<void>;
}

/** Builds the configured mailer. */
export function createMailer(options: { smtpUrl: string | null; from: string; log: (message: string) => void }): Mailer {
  if (!options.smtpUrl) {
    return {
      kind: 'log',
      send: async (m) => options.log(`mail (no SMTP configured) to=${m.to.replace(/^(.).*@/, '$1***@')} subject=${m.subject}`),
    };
  }
  // Created on the first message: nodemailer is not loaded by a process that sends none.
  const smtpUrl = options.smtpUrl;
  let transport: Promise<ReturnType<Awaited<ReturnType<typeof loadNodemailer>>['createTransport']>> | null = null;
  return {
    kind: 'smtp',
    send: async (m) => {
      transport ??= loadNodemailer().then((nodemailer) => nodemailer.createTransport(smtpUrl));
      await (await transport).sendMail({ from: options.from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}
