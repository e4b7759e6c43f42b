'use client';

import { useState } from 'react';
import { cn } from '@/components/ui/cn';

/** Launch instructions per player (rendered by lib/launch on the server), as tabs with a copy button. */
export function LaunchPanel({ plans, fileLabel }: { plans: { player: string; label: string; text: string }[]; fileLabel: string }) {
  const [active, setActive] = useState(0);
  const [copied, setCopied] = useState(false);
  if (plans.length === 0) return <p className="text-sm text-slate-500">No player can run this file directly.</p>;
  const plan = plans[Math.min(active, plans.length - 1)];
  return (
    <div>
      <div role="tablist" aria-label={`Launch ${fileLabel} with`} className="flex flex-wrap gap-1">
        {plans.map((p, i) => (
          <button
            key={p.player}
            type="button"
            role="tab"
            aria-selected={i === active}
            onClick={() => {
              setActive(i);
              setCopied(false);
            }}
            className={cn('rounded-md px-3 py-1.5 text-xs font-medium', i === active ? 'bg-slate-900 text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200')}
          >
            {p.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="relative mt-2">
        <pre tabIndex={0} role="region" aria-label="Launch commands" className="max-h-80 overflow-auto rounded-lg bg-slate-900 p-4 pr-20 text-xs leading-relaxed text-slate-100">{plan.text}</pre>
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(plan.text).then(() => setCopied(true));
          }}
          className="absolute top-2 right-2 rounded-md bg-white/10 px-2 py-1 text-xs text-white hover:bg-white/20"
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}
