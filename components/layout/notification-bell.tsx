import { Link } from '@/components/ui/link';
import { getActor } from '@/lib/server/auth/session';
import { countUnread } from '@/lib/server/notifications/notify';

/** The header's bell: unread in-app notifications for the signed-in user. */
export async function NotificationBell() {
  const actor = await getActor();
  if (!actor) return null;
  const unread = await countUnread(actor.id);
  const label = unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`;
  return (
    <Link href="/notifications" aria-label={label} title={label} className="relative flex size-9 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100 hover:text-slate-900" data-testid="notification-bell">
      <svg aria-hidden viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" className="size-5">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 && (
        <span className="absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-red-600 px-1 text-[10px] font-bold text-white" data-testid="notification-count">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
