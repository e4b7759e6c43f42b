'use client';
import { useDeferredValue, useMemo, useState } from 'react';

export interface PackageRow {
  name: string;
  version: string;
  arch?: string;
  manager: string;
}

/** Rows rendered at once: a filter narrows a long inventory faster than scrolling thousands. */
const SHOWN = 200;

/** The package inventory with a filter box (name or version, case-insensitive). */
export function PackageList({ packages }: { packages: PackageRow[] }) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const matches = useMemo(() => {
    const q = deferred.trim().toLowerCase();
    return q ? packages.filter((p) => p.name.toLowerCase().includes(q) || p.version.toLowerCase().includes(q)) : packages;
  }, [deferred, packages]);
  const shown = matches.slice(0, SHOWN);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor="package-filter" className="sr-only">
          Filter packages
        </label>
        <input
          id="package-filter"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={`Filter ${packages.length} packages…`}
          maxLength={100}
          autoComplete="off"
          className="h-9 w-full max-w-xs rounded-lg border border-slate-300 px-3 text-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-200 focus:outline-none"
        />
        <p className="text-xs text-slate-500" aria-live="polite" data-testid="package-count">
          {matches.length === packages.length ? `${packages.length} packages` : `${matches.length} of ${packages.length} packages`}
          {matches.length > SHOWN ? ` · first ${SHOWN} shown` : ''}
        </p>
      </div>
      <div className="relative max-h-80 overflow-auto rounded-lg ring-1 ring-slate-200" tabIndex={0} role="region" aria-label="Installed packages">
        <table className="w-full text-left text-sm" data-testid="package-list">
          <thead className="sticky top-0 bg-slate-50 text-xs text-slate-500 uppercase">
            <tr>
              <th scope="col" className="px-3 py-1.5 font-medium">Package</th>
              <th scope="col" className="px-3 py-1.5 font-medium">Version</th>
              <th scope="col" className="hidden px-3 py-1.5 font-medium sm:table-cell">Arch</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.map((p) => (
              <tr key={`${p.manager}:${p.name}:${p.arch ?? ''}`}>
                <td className="px-3 py-1 font-mono text-xs break-all text-slate-900">{p.name}</td>
                <td className="px-3 py-1 font-mono text-xs break-all text-slate-600">{p.version}</td>
                <td className="hidden px-3 py-1 font-mono text-xs text-slate-500 sm:table-cell">{p.arch ?? '—'}</td>
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={3} className="px-3 py-3 text-sm text-slate-500">
                  No package matches “{deferred}”.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
