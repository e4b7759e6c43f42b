'use client';

import { useState } from 'react';
import { cn } from '@/components/ui/cn';

/** Five radio buttons drawn as stars: keyboard and screen-reader friendly, works without JavaScript. */
export function StarInput({ name, defaultValue, error }: { name: string; defaultValue?: number; error?: string }) {
  const [value, setValue] = useState(defaultValue ?? 0);
  const [hover, setHover] = useState(0);
  const shown = hover || value;
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">Your rating</legend>
      <div className="flex items-center gap-0.5" onMouseLeave={() => setHover(0)}>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="cursor-pointer" onMouseEnter={() => setHover(n)}>
            <input
              type="radio"
              name={name}
              value={n}
              defaultChecked={defaultValue === n}
              onChange={() => setValue(n)}
              className="peer sr-only"
              aria-label={`${n} star${n === 1 ? '' : 's'}`}
            />
            <span
              aria-hidden
              className={cn(
                'block rounded px-0.5 text-3xl leading-none transition-colors peer-focus-visible:outline-2 peer-focus-visible:outline-brand-600',
                n <= shown ? 'text-amber-400' : 'text-slate-300',
              )}
            >
              ★
            </span>
          </label>
        ))}
        <span className="ml-2 text-sm text-slate-500" aria-hidden>
          {shown ? ['Poor', 'Fair', 'Good', 'Very good', 'Excellent'][shown - 1] : 'Choose'}
        </span>
      </div>
      {error && (
        <p id={`${name}-error`} className="mt-1 text-sm text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
