import 'server-only';
import { defineJob } from '@/lib/server/jobs/registry';
import { QUEUES } from '@/lib/server/queue/boss';
import { sendNotificationMail } from '@/lib/server/notifications/notification-mail';

export const sendMailJob = defineJob<{ notificationId: string }>({
  queue: QUEUES.sendMail,
  concurrency: 2,
  async handler({ notificationId }) {
    await sendNotificationMail(notificationId);
  },
});
