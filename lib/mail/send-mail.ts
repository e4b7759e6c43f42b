import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '@/lib/config/env';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

const globalForMail = globalThis as unknown as { mailTransport?: Transporter };

/**
 * Sends one e-mail through SMTP_URL when it is configured; without it the message goes to the
 * server log instead, so a development install shows what would have been sent.
 */
export async function sendMail(message: MailMessage): Promise<'sent' | 'logged'> {
  const e = env();
  if (!e.SMTP_URL) {
    console.log(`[mail] (no SMTP_URL) to=${message.to} subject=${JSON.stringify(message.subject)}\n${message.text}`);
    return 'logged';
  }
  globalForMail.mailTransport ??= nodemailer.createTransport(e.SMTP_URL);
  await globalForMail.mailTransport.sendMail({ from: e.MAIL_FROM, to: message.to, subject: message.subject, text: message.text });
  return 'sent';
}
