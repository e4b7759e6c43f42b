'use client';

import { useState } from 'react';
import { cn } from '@/components/ui/cn';
import { CopyIcon } from '@/components/challenges/icons';

/** Copies `text` to the clipboard; says so for a moment (and to screen readers). */
export function CopyButton({ text, label = 'Copy', className, testId }: { text: string; label?: string; className?: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 1800);
  }
  return (
    <button
      type="button"
      onClick={copy}
      data-testid={testId}
      className={cn(
        'inline-flex h-7 shrink-0 items-center gap-1 rounded-md border border-slate-300 bg-white px-2 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:outline-2',
        state === 'copied' && 'border-emerald-300 bg-emerald-50 text-emerald-800',
        className,
      )}
      aria-label={state === 'idle' ? label : undefined}
    >
      {state === 'copied' ? <span aria-hidden>✓</span> : <CopyIcon />}
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Press Ctrl+C' : 'Copy'}</span>
    </button>
  );
}
