import 'server-only';
import { defineJob } from '@/lib/jobs/registry';
import { QUEUES } from '@/lib/jobs/boss';
import { sendNotificationMail } from '@/lib/notifications/notification-mail';

export const sendMailJob = defineJob<{ notificationId: string }>({
  queue: QUEUES.sendMail,
  concurrency: 2,
  async handler({ notificationId }) {
    await sendNotificationMail(notificationId);
  },
});
