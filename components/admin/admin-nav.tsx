'use client';

import { Link } from '@/components/ui/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

const ITEMS = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/users', label: 'Users and roles' },
  { href: '/admin/moderation', label: 'Moderation' },
  { href: '/admin/reports', label: 'Reported reviews' },
  { href: '/admin/challenges', label: 'Challenges' },
  { href: '/admin/audit', label: 'Audit log' },
];

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="flex flex-wrap gap-1 lg:flex-col lg:flex-nowrap">
      {ITEMS.map((i) => {
        const active = i.href === '/admin' ? pathname === '/admin' : pathname.startsWith(i.href);
        return (
          <Link
            key={i.href}
            href={i.href}
            aria-current={active ? 'page' : undefined}
            className={cn('rounded-md px-3 py-2 text-sm whitespace-nowrap', active ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100')}
          >
            {i.label}
          </Link>
        );
      })}
    </nav>
  );
}
