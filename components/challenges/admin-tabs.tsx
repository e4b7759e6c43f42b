'use client';

import { Link } from '@/components/ui/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

export function AdminChallengeTabs({ slug }: { slug: string }) {
  const pathname = usePathname();
  const base = `/admin/challenges/${slug}`;
  const tabs = [
    { href: base, label: 'Overview & settings' },
    { href: `${base}/judges`, label: 'Judges & assignments' },
    { href: `${base}/entries`, label: 'Entries' },
    { href: `${base}/results`, label: 'Leaderboard & results' },
  ];
  return (
    <nav aria-label="Challenge sections" className="mb-6 flex flex-wrap gap-x-1 border-b border-slate-200">
      {tabs.map((t) => {
        const active = pathname === t.href;
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              '-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap',
              active ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
            )}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
