import 'server-only';
import { db } from '@/lib/server/db';
import { publicUrl } from '@/lib/config/env';
import { sendMail } from '@/lib/server/mail/send-mail';

/** The e-mail for one in-app notification: same title, the body, and a link back to the site. */
export async function sendNotificationMail(notificationId: string): Promise<'sent' | 'logged' | 'gone'> {
  const n = await db.notification.findUnique({
    where: { id: notificationId },
    select: { title: true, body: true, link: true, user: { select: { email: true, name: true } } },
  });
  if (!n) return 'gone';
  const lines = [`Hello ${n.user.name},`, '', n.body || n.title];
  if (n.link) lines.push('', `${publicUrl()}${n.link}`);
  lines.push('', '— Appliance Exchange', `You get this because of your role in a challenge. See all notices at ${publicUrl()}/notifications`);
  return sendMail({ to: n.user.email, subject: n.title, text: lines.join('\n') });
}
