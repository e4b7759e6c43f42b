'use client';

import { Link } from '@/components/ui/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

export function NavLinks({ items, mobile = false }: { items: { href: string; label: string }[]; mobile?: boolean }) {
  const pathname = usePathname();
  return (
    <nav
      aria-label={mobile ? 'Main (compact)' : 'Main'}
      className={cn(
        mobile ? 'flex flex-wrap gap-1 border-t border-slate-100 px-4 py-2 lg:hidden' : 'hidden items-center gap-1 lg:flex',
      )}
    >
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap',
              active ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
