'use client';

import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { V86, V86Options } from 'v86';
import { buttonClass } from '@/components/ui/button';
import { formatBytes } from '@/lib/core/format';
import { openBrowserDisk } from '@/lib/core/try/browser-disk';

export interface TryConsoleProps {
  sessionUrl: string;
}

interface Session {
  medium: 'hda' | 'cdrom';
  format: string;
  sizeBytes: number;
  url: string;
  expiresAt: string;
  memoryMiB: number;
}

/** Ask for a fresh disk URL this long before the current one expires. */
const REFRESH_BEFORE_MS = 60_000;
/** Ctrl, Alt, Del pressed, then released (PS/2 set 1 scan codes). */
const CTRL_ALT_DEL = [0x1d, 0x38, 0x53, 0x9d, 0xb8, 0xd3];
/** v86's module and files, served by the app (app/v86/[asset]); never part of a page's bundle. */
const V86_MODULE = '/v86/libv86.mjs';

async function readSession(response: Response): Promise<Session> {
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(body?.detail ?? `The try could not start (HTTP ${response.status}).`);
  }
  return (await response.json()) as Session;
}

function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

type Phase = 'starting' | 'running' | 'stopped' | 'failed';

/** What the disk is read out of, for the status line. */
const CONTAINER_LABELS: Record<string, string> = { 'qcow2': 'qcow2', 'vmdk-sparse': 'VMDK', 'vmdk-stream': 'VMDK (stream)' };

/** The running machine: VGA screen (canvas), serial terminal (xterm.js), controls and a status line. */
export function TryConsole({ sessionUrl }: TryConsoleProps) {
  const screen = useRef<HTMLDivElement>(null);
  const terminal = useRef<HTMLDivElement>(null);
  const emulatorRef = useRef<V86 | null>(null);
  const [phase, setPhase] = useState<Phase>('starting');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState({ fetched: 0, fileSize: 0, diskSize: 0, ms: 0, requests: 0 });
  const [source, setSource] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    let disposed = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    let emulator: V86 | null = null;
    let term: import('@xterm/xterm').Terminal | null = null;

    const fail = (message: string) => {
      if (disposed) return;
      setError(message);
      setPhase('failed');
    };

    async function boot() {
      let session = await readSession(await fetch(sessionUrl, { method: 'POST', signal: abort.signal }));
      let refreshing: Promise<Session> | null = null;
      const currentUrl = async () => {
        if (Date.parse(session.expiresAt) - Date.now() < REFRESH_BEFORE_MS) {
          refreshing ??= fetch(sessionUrl, { signal: abort.signal })
            .then(readSession)
            .finally(() => (refreshing = null));
          session = await refreshing;
        }
        return session.url;
      };
      const started = Date.now();
      // The disk's tables and the emulator's code load side by side.
      const [disk, { V86: V86Ctor }, { Terminal }] = await Promise.all([
        openBrowserDisk({
          format: session.format,
          sizeBytes: session.sizeBytes,
          url: currentUrl,
          signal: abort.signal,
          onError: (e) => fail(`Reading the disk failed: ${e.message}`),
        }),
        import(/* webpackIgnore: true */ /* turbopackIgnore: true */ V86_MODULE) as Promise<{ V86: new (o: V86Options) => V86 }>,
        import('@xterm/xterm'),
      ]);
      if (disposed) return;
      const via = CONTAINER_LABELS[disk.container];
      setSource(via ? `${disk.inPackage ? `${via} in the OVA` : via}, ${formatBytes(disk.diskSize)} disk` : disk.inPackage ? `disk in the OVA, ${formatBytes(disk.diskSize)}` : null);

      term = new Terminal({ convertEol: true, rows: 12, fontSize: 13, fontFamily: 'ui-monospace, monospace', theme: { background: '#0f172a' } });
      term.open(terminal.current!);

      const options: V86Options = {
        wasm_path: '/v86/v86.wasm',
        bios: { url: '/v86/bios.bin' },
        vga_bios: { url: '/v86/vgabios.bin' },
        memory_size: session.memoryMiB * 1024 * 1024,
        vga_memory_size: 8 * 1024 * 1024,
        screen: { container: screen.current, use_graphical_text: true },
        disable_mouse: true,
        disable_speaker: true,
        autostart: true,
      };
      // v86 takes any object with load/get/set as a disk (its starter's own check).
      (options as Record<string, unknown>)[disk.medium] = disk.v86;
      emulator = new V86Ctor(options);
      emulatorRef.current = emulator;
      // Keys go to the screen only while it has the focus; the terminal sends its own.
      emulator.keyboard_set_enabled(false);
      emulator.add_listener('serial0-output-byte', (byte) => term?.write(Uint8Array.of(byte)));
      term.onData((data) => emulator?.serial0_send(data));
      emulator.add_listener('emulator-started', () => !disposed && setPhase('running'));
      emulator.add_listener('emulator-stopped', () => !disposed && setPhase((p) => (p === 'failed' ? p : 'stopped')));

      const tick = () => setStatus({ fetched: disk.bytesFetched(), fileSize: session.sizeBytes, diskSize: disk.diskSize, ms: Date.now() - started, requests: disk.requests() });
      tick();
      timer = setInterval(tick, 500);
    }

    function dispose() {
      if (disposed) return;
      disposed = true;
      abort.abort();
      clearInterval(timer);
      emulatorRef.current = null;
      void emulator?.destroy().catch(() => {});
      term?.dispose();
    }

    boot().catch((e: unknown) => {
      if (!abort.signal.aborted) fail(e instanceof Error ? e.message : 'The try could not start.');
    });
    // Leaving the page stops the machine (unmounting does too).
    window.addEventListener('pagehide', dispose);
    return () => {
      window.removeEventListener('pagehide', dispose);
      dispose();
    };
  }, [sessionUrl]);

  const emulator = () => emulatorRef.current;

  return (
    <div className="space-y-3 p-3 sm:p-4" data-testid="try-console" data-phase={phase}>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={buttonClass('secondary', 'sm')} onClick={() => emulator()?.keyboard_send_scancodes(CTRL_ALT_DEL)} disabled={phase !== 'running'}>
          Ctrl-Alt-Del
        </button>
        <button type="button" className={buttonClass('secondary', 'sm')} onClick={() => emulator()?.restart()} disabled={phase !== 'running'}>
          Reset
        </button>
        {phase === 'stopped' ? (
          <button type="button" className={buttonClass('secondary', 'sm')} onClick={() => void emulator()?.run()}>
            Resume
          </button>
        ) : (
          <button type="button" className={buttonClass('secondary', 'sm')} onClick={() => void emulator()?.stop()} disabled={phase !== 'running'}>
            Stop
          </button>
        )}
        <p
          className="ml-auto text-xs text-slate-600 tabular-nums"
          role="status"
          aria-live="off"
          data-testid="try-status"
          data-bytes-fetched={status.fetched}
          data-file-size={status.fileSize}
          data-disk-size={status.diskSize}
        >
          {phase === 'starting' && 'Starting… '}
          {phase === 'stopped' && 'Stopped · '}
          Read {formatBytes(status.fetched)} of {formatBytes(status.fileSize)} ({status.requests} {status.requests === 1 ? 'request' : 'requests'})
          {source && ` · ${source}`} · {elapsed(status.ms)}
        </p>
      </div>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      )}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-3 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-label="Screen">
          <h3 className="mb-1 text-xs font-medium text-slate-500 uppercase">Screen · click it to type</h3>
          <div
            ref={screen}
            tabIndex={0}
            onFocus={() => emulator()?.keyboard_set_enabled(true)}
            onBlur={() => emulator()?.keyboard_set_enabled(false)}
            className="flex min-h-48 items-center justify-center overflow-auto rounded-md bg-black outline-none focus-visible:ring-2 focus-visible:ring-brand-500 [&>canvas]:h-auto [&>canvas]:max-w-full"
            data-testid="try-screen"
          >
            <div className="whitespace-pre text-white" style={{ font: '14px monospace', lineHeight: '14px' }} />
            <canvas style={{ display: 'none' }} />
          </div>
        </section>
        <section aria-label="Serial console">
          <h3 className="mb-1 text-xs font-medium text-slate-500 uppercase">Serial console (COM1)</h3>
          <div ref={terminal} className="overflow-x-auto rounded-md bg-slate-900 p-1" data-testid="try-terminal" />
        </section>
      </div>
    </div>
  );
}
