'use client';

import { useId, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { CopyButton } from '@/components/catalog/copy-button';

export interface LaunchPanelFile {
  id: string;
  label: string;
  group: string;
  plans: { player: 'qemu' | 'virtualbox' | 'vmware' | 'vagrant'; label: string; supported: boolean; text: string }[];
}

/** Comment lines dimmed; the text content stays exactly what lib/launch rendered. */
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
 * The exact commands to run a file in each player, as lib/launch renders them (the `apx` client
 * prints the same text). Every plan is in the page, hidden until chosen; without JavaScript the
 * noscript style shows them all.
 */
export function LaunchPanel({ files, initialFileId }: { files: LaunchPanelFile[]; initialFileId: string }) {
  const id = useId();
  const [fileId, setFileId] = useState(initialFileId);
  const file = files.find((f) => f.id === fileId) ?? files[0];
  const firstSupported = (f: LaunchPanelFile) => f.plans.find((p) => p.supported)?.player ?? f.plans[0].player;
  const [player, setPlayer] = useState(firstSupported(file));
  const active = file.plans.some((p) => p.player === player) ? player : firstSupported(file);
  const groups = [...new Set(files.map((f) => f.group))];

  return (
    <div data-launch-panel="">
      <noscript>
        <style>{'[data-launch-panel] [role=tabpanel]{display:block!important}'}</style>
      </noscript>
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-5 py-3">
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
        {file.plans.map((p) => (
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
            {!p.supported && <span className="rounded bg-slate-100 px-1 text-[10px] font-medium text-slate-700 uppercase">n/a</span>}
          </button>
        ))}
      </div>
      {files.map((f) =>
        f.plans.map((p) => {
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
    </div>
  );
}
