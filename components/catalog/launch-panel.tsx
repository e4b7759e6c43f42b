'use client';

import { useId, useState, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { CopyButton } from '@/components/catalog/copy-button';

export interface LaunchPanelFile {
  id: string;
  label: string;
  group: string;
  /** Unsupported plans carry the reason the player cannot run the file. */
  plans: { player: 'qemu' | 'virtualbox' | 'vmware' | 'vagrant'; label: string; supported: boolean; text: string; reason?: string }[];
}

/** Comment lines dimmed; the text content stays exactly what lib/core/launch rendered. */
/** Commands with their comment lines dimmed, readable on the dark block and on the grey one alike. */
function ShellText({ text, dark }: { text: string; dark: boolean }) {
  const lines = text.split('\n');
  return lines.map((line, i) => (
    <span key={i} className={line.startsWith('#') ? (dark ? 'text-slate-400' : 'text-slate-600') : undefined}>
      {line}
      {i < lines.length - 1 ? '\n' : ''}
    </span>
  ));
}

/**
 * The exact commands to run a file in each player, as lib/core/launch renders them (the `apx` client
 * prints the same text). Only players that can run the file get a tab; the others are named with
 * their reason below. Every plan is in the page, hidden until chosen; without JavaScript the
 * noscript style shows them all. `children` (the appliance's credentials and ports) follow the
 * commands. The appliance page and the judge's entry page both use this panel.
 */
export function LaunchPanel({ files: allFiles, initialFileId, children }: { files: LaunchPanelFile[]; initialFileId: string; children?: ReactNode }) {
  const id = useId();
  const files = allFiles.filter((f) => f.plans.some((p) => p.supported));
  const [fileId, setFileId] = useState(initialFileId);
  const file = files.find((f) => f.id === fileId) ?? files[0];
  const firstSupported = (f: LaunchPanelFile) => f.plans.find((p) => p.supported)?.player ?? f.plans[0].player;
  const [player, setPlayer] = useState(file ? firstSupported(file) : 'qemu');
  if (!file) return <p className="px-5 py-4 text-sm text-slate-500">No player can run these files directly.</p>;
  const plans = file.plans.filter((p) => p.supported);
  const others = file.plans.filter((p) => !p.supported);
  const active = plans.some((p) => p.player === player) ? player : firstSupported(file);
  const groups = [...new Set(files.map((f) => f.group))];

  return (
    <div data-launch-panel="">
      <noscript>
        <style>{'[data-launch-panel] [role=tabpanel]{display:block!important}'}</style>
      </noscript>
      <div className={cn('flex flex-wrap items-center gap-3 border-b border-slate-100 px-5 py-3', files.length === 1 && 'sr-only')}>
        <label htmlFor={`${id}-file`} className="text-sm font-medium text-slate-700">
          File
        </label>
        <select
          id={`${id}-file`}
          value={file.id}
          onChange={(e) => {
            const next = files.find((f) => f.id === e.target.value) ?? files[0];
            setFileId(next.id);
            setPlayer(firstSupported(next));
          }}
          className="h-9 min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-2 text-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-200 focus:outline-none sm:flex-none"
        >
          {groups.map((g) => (
            <optgroup key={g} label={g}>
              {files
                .filter((f) => f.group === g)
                .map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div role="tablist" aria-label="Player" className="flex gap-1 overflow-x-auto border-b border-slate-100 px-3 pt-2">
        {plans.map((p) => (
          <button
            key={p.player}
            type="button"
            role="tab"
            id={`${id}-tab-${p.player}`}
            aria-selected={p.player === active}
            aria-controls={`${id}-panel-${file.id}-${p.player}`}
            onClick={() => setPlayer(p.player)}
            className={cn(
              '-mb-px flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm whitespace-nowrap',
              p.player === active ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900',
            )}
          >
            {p.label}
          </button>
        ))}
      </div>
      {files.map((f) =>
        f.plans.filter((p) => p.supported).map((p) => {
          const shown = f.id === file.id && p.player === active;
          return (
            <div key={`${f.id}-${p.player}`} role="tabpanel" id={`${id}-panel-${f.id}-${p.player}`} aria-labelledby={`${id}-tab-${p.player}`} hidden={!shown} className="relative p-4">
              <div className="absolute top-6 right-6">
                <CopyButton text={p.text} label={`Copy the ${p.label} commands`} className="border-slate-600 bg-slate-800 text-slate-100 hover:bg-slate-700" />
              </div>
              <pre
                data-testid={`launch-${f.id}-${p.player}`}
                className={cn('overflow-x-auto rounded-lg p-4 pr-24 font-mono text-[13px] max-sm:pt-12 max-sm:pr-4 leading-relaxed whitespace-pre-wrap break-words', p.supported ? 'bg-slate-900 text-slate-100' : 'bg-slate-100 text-slate-800')}
              >
                <ShellText text={p.text} dark={p.supported} />
              </pre>
            </div>
          );
        }),
      )}
      {others.length > 0 && (
        <details className="border-t border-slate-100 px-5 py-3 text-sm">
          <summary className="cursor-pointer text-slate-600">Not for {others.map((p) => p.label).join(', ')}: why</summary>
          <ul className="mt-2 space-y-1 text-slate-600">
            {others.map((p) => (
              <li key={p.player}>
                <span className="font-medium text-slate-800">{p.label}:</span> {p.reason ?? 'it cannot run this file.'}
              </li>
            ))}
          </ul>
        </details>
      )}
      {children}
    </div>
  );
}
