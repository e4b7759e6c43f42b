'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';

/**
 * The browse filters: a sidebar on a wide screen; on a phone or tablet a "Filters (n)" button that
 * opens them in a drawer over the results, so the results come first. The drawer stays open while
 * filters are tapped (each is a link: the counts update under it) until "Show results" or Escape.
 */
export function FiltersDrawer({ active, total, children }: { active: number; total: number; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (!open) return;
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    // The page under the drawer does not scroll with it.
    const overflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    return () => {
      document.removeEventListener('keydown', onKey);
      document.body.style.overflow = overflow;
    };
  }, [open]);

  const hide = () => {
    setOpen(false);
    trigger.current?.focus();
  };

  return (
    <>
      <button
        ref={trigger}
        type="button"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        className={buttonClass('secondary', 'md', 'w-full lg:hidden')}
        data-testid="filters-button"
      >
        <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4">
          <path d="M2.5 4.75A.75.75 0 0 1 3.25 4h13.5a.75.75 0 0 1 0 1.5H3.25a.75.75 0 0 1-.75-.75Zm2.5 5A.75.75 0 0 1 5.75 9h8.5a.75.75 0 0 1 0 1.5h-8.5A.75.75 0 0 1 5 9.75Zm3 5a.75.75 0 0 1 .75-.75h2.5a.75.75 0 0 1 0 1.5h-2.5a.75.75 0 0 1-.75-.75Z" />
        </svg>
        Filters ({active})
      </button>
      {open && <div aria-hidden className="fixed inset-0 z-50 bg-slate-900/40 lg:hidden" onClick={hide} />}
      <div
        role={open ? 'dialog' : undefined}
        aria-modal={open || undefined}
        aria-labelledby={open ? titleId : undefined}
        className={cn(
          open ? 'fixed inset-y-0 left-0 z-50 flex w-80 max-w-[85vw] flex-col bg-white shadow-xl lg:static lg:z-auto lg:block lg:w-auto lg:max-w-none lg:bg-transparent lg:shadow-none' : 'hidden lg:block',
        )}
        data-testid="filters-panel"
      >
        <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3 lg:hidden">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            Filters
          </h2>
          <button ref={close} type="button" onClick={hide} className={buttonClass('ghost', 'sm')}>
            Close
          </button>
        </div>
        <div className="flex-1 overflow-y-auto px-2 py-4 lg:overflow-visible lg:p-0">{children}</div>
        <div className="border-t border-slate-200 p-4 lg:hidden">
          <button type="button" onClick={hide} className={buttonClass('primary', 'md', 'w-full')}>
            Show {total} {total === 1 ? 'result' : 'results'}
          </button>
        </div>
      </div>
    </>
  );
}
