/**
 * Outgoing email over SMTP (nodemailer). Without an SMTP URL, mail is written to the log
 * so a demo install works without a mail server.
 */
import nodemailer from 'nodemailer';

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
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    kind: 'smtp',
    send: async (m) => {
      await transport.sendMail({ from: options.from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}
