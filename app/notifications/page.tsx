import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { PageHeader, EmptyState } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { ActionForm } from '@/components/challenges/action-form';
import { pageActor } from '@/lib/server/auth/guards';
import { listNotifications } from '@/lib/server/notifications/notify';
import { safeNextPath } from '@/lib/core/actions/action-state';
import { formatInZone } from '@/lib/core/challenges/logic/state-machine';
import { cn } from '@/components/ui/cn';
import { markAllReadAction } from '@/lib/server/notifications/actions/mark-all-read';
import { AlertIcon, BellIcon, ClockIcon, ScalesIcon, TrophyIcon } from '@/components/challenges/icons';

export const metadata: Metadata = { title: 'Notifications' };

const ICON: Record<string, { icon: typeof BellIcon; tone: string }> = {
  'judge.assigned': { icon: ScalesIcon, tone: 'bg-violet-100 text-violet-700' },
  'deadline.submissions': { icon: ClockIcon, tone: 'bg-sky-100 text-sky-700' },
  'deadline.judging': { icon: ClockIcon, tone: 'bg-sky-100 text-sky-700' },
  'results.published': { icon: TrophyIcon, tone: 'bg-amber-100 text-amber-700' },
  'entry.disqualified': { icon: AlertIcon, tone: 'bg-red-100 text-red-700' },
  'assignment.incomplete': { icon: AlertIcon, tone: 'bg-red-100 text-red-700' },
};

function KindIcon({ kind }: { kind: string }) {
  const { icon: Icon, tone } = ICON[kind] ?? { icon: BellIcon, tone: 'bg-slate-100 text-slate-600' };
  return (
    <span aria-hidden className={cn('flex size-9 shrink-0 items-center justify-center rounded-full text-base', tone)}>
      <Icon />
    </span>
  );
}

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const actor = await pageActor();
  const { before } = await searchParams;
  const { items, nextCursor } = await listNotifications(actor.id, { before: before ?? null, take: 30 });
  const unread = items.some((n) => !n.readAt);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Notifications"
        description="Assignments, deadlines and results. They are also sent by e-mail when the site has an SMTP server."
        actions={unread ? <ActionForm action={markAllReadAction} label="Mark all as read" variant="secondary" inline /> : undefined}
      />
      {items.length === 0 ? (
        <EmptyState title="No notifications yet." />
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100">
            {items.map((n) => {
              const body = (
                <div className="flex gap-4 px-5 py-4">
                  <KindIcon kind={n.kind} />
                  <div className="min-w-0 flex-1">
                    <p className={cn('text-slate-900', !n.readAt && 'font-semibold')}>
                      {!n.readAt && <span className="mr-2 inline-block size-2 rounded-full bg-brand-600 align-middle" aria-label="Unread" />}
                      {n.title}
                    </p>
                    {n.body && <p className="mt-0.5 text-sm text-slate-600">{n.body}</p>}
                    <p className="mt-1 text-xs text-slate-500">{formatInZone(n.createdAt, 'UTC')}</p>
                  </div>
                </div>
              );
              return (
                <li key={n.id} className={cn(!n.readAt && 'bg-brand-50/40')} data-testid="notification">
                  {n.link ? (
                    <Link href={safeNextPath(n.link)} className="block hover:bg-slate-50">
                      {body}
                    </Link>
                  ) : (
                    body
                  )}
                </li>
              );
            })}
          </ul>
        </Card>
      )}
      {nextCursor && (
        <p className="mt-4 text-center">
          <Link href={`/notifications?before=${nextCursor}`} className="text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">Older notifications →</Link>
        </p>
      )}
    </div>
  );
}
