// How a transfer's progress reads, the same in the browser's uploader and in `apx` (uploads and
// downloads): one percent (rounded down, 100 only when done), one speed averaged over the last
// few seconds, one time left, all in binary units (KiB, MiB, GiB: what file sizes use across the
// site). Pure: no DOM, no Node.
import { formatBytes } from '@/lib/core/format';

/** Speed is averaged over this much recent time, so it follows changes without jumping about. */
export const SPEED_WINDOW_MS = 5_000;
/** Less than this much time measured says nothing about a speed yet. */
export const MIN_SPEED_SPAN_MS = 500;

/** Speed and time left from progress samples over a sliding window. */
export class TransferRate {
  private samples: { t: number; bytes: number }[] = [];

  constructor(
    private readonly windowMs = SPEED_WINDOW_MS,
    private readonly minSpanMs = MIN_SPEED_SPAN_MS,
  ) {}

  /** Records that `bytes` in total had been transferred at time `t` (ms). */
  add(t: number, bytes: number): void {
    const last = this.samples[this.samples.length - 1];
    // A restart from fewer bytes (pause, resume, retry) starts a new measurement.
    if (last && bytes < last.bytes) this.samples = [];
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && this.samples[1].t <= t - this.windowMs) this.samples.shift();
  }

  reset(): void {
    this.samples = [];
  }

  /** The bytes of the latest sample, or null before any. */
  get bytes(): number | null {
    return this.samples.length ? this.samples[this.samples.length - 1].bytes : null;
  }

  /** Bytes per second over the window, or null before there is enough to say. */
  speed(now: number): number | null {
    if (this.samples.length < 2) return null;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    // A transfer that has gone quiet is slowing down, not keeping its last speed.
    const span = Math.max(last.t, now) - first.t;
    if (span < this.minSpanMs) return null;
    return ((last.bytes - first.bytes) * 1000) / span;
  }

  /** Seconds until `total` bytes at the current speed; 0 once there; null when unknown. */
  secondsLeft(total: number, now: number): number | null {
    const last = this.samples[this.samples.length - 1];
    if (last && last.bytes >= total) return 0;
    const speed = this.speed(now);
    if (!speed || !last || speed <= 0) return null;
    return (total - last.bytes) / speed;
  }
}

/** Whole percent done, rounded down (99 until the last byte), or null without a total. */
export function percentDone(done: number, total: number | null): number | null {
  if (!total || total <= 0) return null;
  if (done >= total) return 100;
  return Math.max(0, Math.floor((done / total) * 100));
}

/** "4.0 MiB/s"; "—" when not known yet. */
export function formatRate(bytesPerSecond: number | null): string {
  if (bytesPerSecond === null || !Number.isFinite(bytesPerSecond)) return '—';
  return `${formatBytes(Math.max(0, bytesPerSecond))}/s`;
}

/** "8 s", "1 min 39 s", "12 min", "1 h 05 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** "1 min 39 s left"; "estimating…" when not known yet. */
export function formatTimeLeft(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return 'estimating…';
  return `${formatDuration(seconds)} left`;
}

export interface TransferState {
  done: number;
  total: number | null;
  /** Bytes per second, or null while unknown. */
  speed: number | null;
  /** Seconds left, or null while unknown. */
  secondsLeft: number | null;
  paused?: boolean;
}

/** The pieces of one progress line, each formatted; the callers lay them out. */
export function transferParts(s: TransferState): { percent: string | null; amount: string; speed: string; timeLeft: string } {
  const pct = percentDone(s.done, s.total);
  return {
    percent: pct === null ? null : `${pct}%`,
    amount: s.total ? `${formatBytes(s.done)} of ${formatBytes(s.total)}` : formatBytes(s.done),
    speed: s.paused ? 'paused' : formatRate(s.speed),
    timeLeft: s.paused ? '' : formatTimeLeft(s.secondsLeft),
  };
}

/** "12% · 40.0 MiB of 330 MiB · 4.0 MiB/s · 1 min 20 s left" (or "… · paused"). */
export function transferLine(s: TransferState): string {
  const p = transferParts(s);
  return [p.percent, p.amount, p.speed, p.timeLeft].filter(Boolean).join(' · ');
}
