'use client';

import { useEffect, useRef, useState, type ComponentType } from 'react';
import { buttonClass } from '@/components/ui/button';
import type { TryConsoleProps } from '@/components/try/try-console';

export interface TryInBrowserProps {
  /** The try endpoint: POST starts a session, GET refreshes its disk URL. */
  sessionUrl: string;
  /** What is being booted, for the dialog's title (never the entrant's name in blind mode). */
  title: string;
  memoryMiB: number;
  memoryCapped: boolean;
  requiredMemoryMiB: number | null;
  note?: string | null;
  testId?: string;
}

/**
 * The "Try in browser" button. Nothing of the emulator is on the page until it is clicked: the
 * console (xterm.js) is a chunk of its own, and v86's JavaScript and WebAssembly are static files
 * the console loads. Closing the dialog or leaving the page destroys the emulator.
 */
export function TryInBrowser({ sessionUrl, title, memoryMiB, memoryCapped, requiredMemoryMiB, note, testId }: TryInBrowserProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [Console, setConsole] = useState<ComponentType<TryConsoleProps> | null>(null);
  const [open, setOpen] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  async function start() {
    setLoadError(null);
    setOpen(true);
    dialog.current?.showModal();
    if (!Console) {
      try {
        const mod = await import('@/components/try/try-console');
        setConsole(() => mod.TryConsole);
      } catch {
        setLoadError('The emulator could not be loaded. Check your connection and try again.');
      }
    }
  }

  function close() {
    setOpen(false);
    dialog.current?.close();
  }

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    const onClose = () => setOpen(false);
    d.addEventListener('close', onClose);
    return () => d.removeEventListener('close', onClose);
  }, []);

  return (
    <>
      <button type="button" onClick={start} className={buttonClass('secondary', 'sm')} data-testid={testId} aria-haspopup="dialog">
        <span aria-hidden>▶</span> Try in browser
      </button>
      <dialog
        ref={dialog}
        aria-label={`Try ${title} in the browser`}
        className="m-auto w-[min(100vw-1rem,72rem)] max-w-none rounded-xl bg-white p-0 shadow-2xl backdrop:bg-slate-900/60"
        data-testid="try-dialog"
      >
        <div className="flex items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <div className="min-w-0">
            <h2 className="truncate text-base font-semibold text-slate-900">Try in browser · {title}</h2>
            <p className="text-xs text-slate-500">
              A 32-bit x86 PC emulated in this tab (v86), {memoryMiB} MiB of memory
              {memoryCapped && requiredMemoryMiB ? ` (the appliance asks for ${requiredMemoryMiB} MiB; a tab gets at most ${memoryMiB})` : ''}. The disk is read from
              the store as the machine needs it; what the machine writes stays in this tab.
            </p>
            {note && <p className="mt-0.5 text-xs text-slate-500">{note}</p>}
          </div>
          <button type="button" onClick={close} className={buttonClass('ghost', 'sm')} aria-label="Close and stop the machine">
            ✕
          </button>
        </div>
        {open && Console && <Console sessionUrl={sessionUrl} />}
        {open && !Console && !loadError && <p className="px-4 py-6 text-sm text-slate-600">Loading the emulator…</p>}
        {loadError && (
          <p role="alert" className="px-4 py-6 text-sm text-red-700">
            {loadError}
          </p>
        )}
      </dialog>
    </>
  );
}
