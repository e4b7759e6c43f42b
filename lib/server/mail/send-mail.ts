import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
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
  const outbox = e.MAIL_OUTBOX_DIR;
  if (outbox) await writeToOutbox(outbox, message);
  if (!e.SMTP_URL) {
    console.log(`[mail] (no SMTP_URL) to=${message.to} subject=${JSON.stringify(message.subject)}\n${message.text}`);
    return 'logged';
  }
  globalForMail.mailTransport ??= nodemailer.createTransport(e.SMTP_URL);
  await globalForMail.mailTransport.sendMail({ from: e.MAIL_FROM, to: message.to, subject: message.subject, text: message.text });
  return 'sent';
}

/**
 * MAIL_OUTBOX_DIR: every message is also written there as one JSON file, so a development
 * install and the end-to-end tests can open the links a message carries.
 */
async function writeToOutbox(dir: string, message: MailMessage): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const name = `${Date.now()}-${randomBytes(4).toString('hex')}.json`;
  await fs.writeFile(path.join(dir, name), JSON.stringify({ ...message, at: new Date().toISOString() }), { mode: 0o600 });
}
