'use client';

import { useId, useState } from 'react';

/**
 * Filters the reference in place: every operation (and its link in the side navigation) carries
 * its searchable text in `data-api-search`; a tag's section hides when none of its operations
 * match and opens when some do. The page stays whole without JavaScript.
 */
export function ApiSearch({ total }: { total: number }) {
  const id = useId();
  const [shown, setShown] = useState<number | null>(null);

  function filter(raw: string) {
    const words = raw.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = (el: Element) => {
      const text = el.getAttribute('data-api-search') ?? '';
      return words.every((w) => text.includes(w));
    };
    let count = 0;
    for (const el of document.querySelectorAll<HTMLElement>('[data-api-op]')) {
      const hit = matches(el);
      el.hidden = !hit;
      if (hit) count++;
    }
    for (const el of document.querySelectorAll<HTMLElement>('[data-api-nav]')) el.hidden = !matches(el);
    for (const section of document.querySelectorAll<HTMLElement>('[data-api-tag]')) {
      const visible = section.querySelectorAll('[data-api-op]:not([hidden])').length;
      const any = visible > 0;
      section.hidden = !any;
      // The section's count says what it shows now.
      const counter = section.querySelector<HTMLElement>('[data-api-tag-count]');
      if (counter) {
        const all = Number(counter.dataset.apiTagCount);
        counter.textContent = words.length ? `${visible} of ${all} operations` : `${all} ${all === 1 ? 'operation' : 'operations'}`;
      }
      if (any && words.length && section instanceof HTMLDetailsElement) section.open = true;
    }
    for (const group of document.querySelectorAll<HTMLElement>('[data-api-nav-group]')) {
      group.hidden = group.querySelector('[data-api-nav]:not([hidden])') === null;
    }
    setShown(words.length ? count : null);
  }

  return (
    <div role="search" aria-label="API reference" className="space-y-1">
      <label htmlFor={id} className="block text-xs font-semibold tracking-wide text-slate-600 uppercase">
        Search the API
      </label>
      <input
        id={id}
        type="search"
        placeholder="e.g. download, reviews, POST"
        autoComplete="off"
        onChange={(e) => filter(e.target.value)}
        className="h-9 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-200 focus:outline-none"
      />
      <p aria-live="polite" className="min-h-4 text-xs text-slate-600" data-testid="api-search-status">
        {shown === null ? '' : shown === 0 ? 'No operation matches.' : `${shown} of ${total} operations`}
      </p>
    </div>
  );
}
