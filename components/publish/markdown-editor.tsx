'use client';

import { useId, useState } from 'react';
import { Markdown } from '@/components/ui/markdown';
import { Textarea } from '@/components/ui/field';
import { cn } from '@/components/ui/cn';

/**
 * A markdown textarea with a live preview rendered by the same component the site uses, so what
 * the publisher sees is what visitors will see (sanitised, no raw HTML).
 */
export function MarkdownEditor({
  name,
  label,
  defaultValue = '',
  rows = 12,
  error,
  hint,
  placeholder,
}: {
  name: string;
  label: string;
  defaultValue?: string;
  rows?: number;
  error?: string;
  hint?: string;
  placeholder?: string;
}) {
  const [value, setValue] = useState(defaultValue);
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const id = useId();
  const inputId = `${id}-input`;
  return (
    <div className="space-y-1.5">
      <div className="flex items-end justify-between gap-3">
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        <div role="tablist" aria-label={`${label} view`} className="flex rounded-lg bg-slate-100 p-0.5 text-xs font-medium lg:hidden">
          {(['write', 'preview'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              onClick={() => setTab(t)}
              className={cn('rounded-md px-2.5 py-1 capitalize', tab === t ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900')}
            >
              {t}
            </button>
          ))}
        </div>
      </div>
      <div className="grid gap-3 lg:grid-cols-2">
        <div className={cn(tab === 'preview' && 'hidden lg:block')}>
          <Textarea
            id={inputId}
            name={name}
            rows={rows}
            value={value}
            placeholder={placeholder}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
            className="h-full font-mono text-[13px] leading-relaxed"
          />
        </div>
        <section
          aria-label={`${label} preview`}
          data-testid={`${name}-preview`}
          className={cn('min-h-40 overflow-auto rounded-lg border border-dashed border-slate-300 bg-slate-50/60 px-4 py-2', tab === 'write' && 'hidden lg:block')}
        >
          {value.trim() ? <Markdown>{value}</Markdown> : <p className="py-6 text-center text-sm text-slate-500">The preview appears here as you type.</p>}
        </section>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
