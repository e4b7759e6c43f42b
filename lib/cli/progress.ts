import { formatBytes } from '@/lib/format';
import type { OutputStream } from './io';

/** Speed is averaged over this much recent time, so it follows changes without jumping about. */
const SPEED_WINDOW_MS = 5_000;
const MIN_SPEED_SPAN_MS = 300;

export function formatRate(bytesPerSecond: number | null): string {
  if (bytesPerSecond === null || !Number.isFinite(bytesPerSecond)) return '-- B/s';
  return `${formatBytes(Math.max(0, bytesPerSecond))}/s`;
}

/** 0:03, 12:05, 1:02:03; --:-- when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export interface ProgressSnapshot {
  label: string;
  done: number;
  total: number | null;
  /** Bytes per second over the recent window; null until there is enough to say. */
  speed: number | null;
  /** Seconds left at that speed; null when unknown. */
  eta: number | null;
  elapsedMs: number;
}

function percent(s: ProgressSnapshot): number | null {
  if (!s.total) return null;
  return Math.min(100, Math.floor((s.done / s.total) * 100));
}

/** One terminal line, fitted to `width` columns: label, bar, percentage, bytes, speed, time left. */
export function renderTtyLine(s: ProgressSnapshot, width: number): string {
  const pct = percent(s);
  // Fixed-width fields, so the bar does not twitch as the numbers change length.
  const amount = s.total ? `${formatBytes(s.done).padStart(9)} / ${formatBytes(s.total)}` : formatBytes(s.done);
  const tail = ` ${pct === null ? '' : `${String(pct).padStart(3)}% `}${amount}  ${formatRate(s.speed).padStart(11)}  ${formatDuration(s.eta).padStart(5)} left`;
  let label = s.label;
  const barRoom = width - tail.length - 4; // space, brackets, space
  let barWidth = pct === null ? 0 : Math.min(30, barRoom - Math.min(label.length, 24));
  if (barWidth < 5) barWidth = 0;
  const labelRoom = Math.max(0, width - tail.length - (barWidth ? barWidth + 3 : 1));
  if (label.length > labelRoom) label = labelRoom > 1 ? `${label.slice(0, labelRoom - 1)}…` : '';
  let bar = '';
  if (barWidth && pct !== null) {
    const filled = Math.round((barWidth * pct) / 100);
    bar = ` [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;
  }
  return `${label}${bar}${tail}`.slice(0, Math.max(0, width));
}

/** A line for logs and pipes, printed now and then instead of a redrawn bar. */
export function renderPlainLine(s: ProgressSnapshot): string {
  const pct = percent(s);
  const amount = s.total ? `${formatBytes(s.done)} of ${formatBytes(s.total)}` : formatBytes(s.done);
  return `${s.label}: ${pct === null ? '' : `${pct}% `}(${amount}) at ${formatRate(s.speed)}, ${formatDuration(s.eta)} left`;
}

export function renderSummary(s: ProgressSnapshot, transferred: number): string {
  const seconds = s.elapsedMs / 1000;
  const rate = seconds > 0 ? transferred / seconds : null;
  return `${s.label}: ${formatBytes(s.done)} in ${formatDuration(seconds)} (${formatRate(rate)})`;
}

export interface ProgressOptions {
  label: string;
  total: number | null;
  stream: OutputStream;
  now?: () => number;
  /** Already there before this run (a resumed download): shown as done, not counted as speed. */
  initial?: number;
  /** Without a terminal: at most one line per this many ms. Default 5 s. */
  lineIntervalMs?: number;
  /** With a terminal: at most one redraw per this many ms. Default 100 ms. */
  redrawIntervalMs?: number;
  /** False draws nothing (--quiet). */
  enabled?: boolean;
}

/**
 * A progress bar with speed and time left. On a terminal it redraws one line in place; otherwise
 * (a pipe, CI logs) it prints a plain line now and then, so logs show progress without flooding.
 */
export class ProgressBar {
  private readonly opts: Required<Omit<ProgressOptions, 'initial'>>;
  private readonly tty: boolean;
  private readonly started: number;
  private readonly initial: number;
  private samples: { t: number; done: number }[] = [];
  private doneBytes: number;
  private lastDraw = -Infinity;
  private drawn = false;
  private closed = false;

  constructor(options: ProgressOptions) {
    this.opts = {
      now: Date.now,
      lineIntervalMs: 5_000,
      redrawIntervalMs: 100,
      enabled: true,
      ...options,
    };
    this.tty = !!options.stream.isTTY;
    this.started = this.opts.now();
    this.initial = options.initial ?? 0;
    this.doneBytes = this.initial;
    this.samples.push({ t: this.started, done: this.doneBytes });
    // A plain log gets its first line only after the interval: short transfers print just the summary.
    if (!this.tty) this.lastDraw = this.started;
  }

  get done(): number {
    return this.doneBytes;
  }

  add(delta: number): void {
    this.update(this.doneBytes + delta);
  }

  update(done: number): void {
    if (this.closed) return;
    this.doneBytes = done;
    const t = this.opts.now();
    this.samples.push({ t, done });
    while (this.samples.length > 2 && t - this.samples[1].t > SPEED_WINDOW_MS) this.samples.shift();
    const interval = this.tty ? this.opts.redrawIntervalMs : this.opts.lineIntervalMs;
    if (t - this.lastDraw >= interval) this.draw(t);
  }

  snapshot(t = this.opts.now()): ProgressSnapshot {
    const first = this.samples[0];
    const span = t - first.t;
    const speed = span >= MIN_SPEED_SPAN_MS ? ((this.doneBytes - first.done) / span) * 1000 : null;
    const total = this.opts.total;
    const eta = total !== null && speed !== null && speed > 0 ? Math.max(0, total - this.doneBytes) / speed : total !== null && this.doneBytes >= total ? 0 : null;
    return { label: this.opts.label, done: this.doneBytes, total, speed, eta, elapsedMs: t - this.started };
  }

  private draw(t: number): void {
    if (!this.opts.enabled) return;
    this.lastDraw = t;
    const s = this.snapshot(t);
    if (this.tty) {
      // A terminal of unknown size (some ptys say 0 columns) is taken as 80 wide.
      const columns = this.opts.stream.columns || 80;
      this.opts.stream.write(`\r${renderTtyLine(s, Math.max(20, columns - 1))}\x1b[K`);
      this.drawn = true;
    } else {
      this.opts.stream.write(`${renderPlainLine(s)}\n`);
    }
  }

  /** Ends the bar with a summary line (bytes, time, average speed of this run). */
  finish(message?: string): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.opts.enabled) return;
    const s = this.snapshot();
    const line = message ?? renderSummary(s, this.doneBytes - this.initial);
    this.opts.stream.write(this.tty ? `\r${line}\x1b[K\n` : `${line}\n`);
  }

  /** Leaves the bar where it stands (on errors), ending the line so the message starts clean. */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.opts.enabled && this.tty && this.drawn) this.opts.stream.write('\n');
  }
}
