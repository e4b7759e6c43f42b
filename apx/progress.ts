import { formatBytes } from '@/lib/core/format';
import { TransferRate, formatDuration, formatRate, transferLine, transferParts } from '@/lib/core/transfer-progress';
import type { OutputStream } from './io';

export { formatDuration, formatRate };

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

const stateOf = (s: ProgressSnapshot) => ({ done: s.done, total: s.total, speed: s.speed, secondsLeft: s.eta });

/**
 * One terminal line, fitted to `width` columns: label, bar, then the figures the web uploader
 * shows too (lib/core/transfer-progress.ts): percentage, amounts, speed, time left.
 */
export function renderTtyLine(s: ProgressSnapshot, width: number): string {
  const p = transferParts(stateOf(s));
  // Fixed-width fields, so the bar does not twitch as the numbers change length.
  const amount = s.total ? `${formatBytes(s.done).padStart(9)} of ${formatBytes(s.total)}` : formatBytes(s.done);
  const tail = ` ${p.percent === null ? '' : `${p.percent.padStart(4)} `}${amount}  ${p.speed.padStart(11)}  ${p.timeLeft.padStart(16)}`;
  let label = s.label;
  const barRoom = width - tail.length - 4; // space, brackets, space
  let barWidth = p.percent === null ? 0 : Math.min(30, barRoom - Math.min(label.length, 24));
  if (barWidth < 5) barWidth = 0;
  const labelRoom = Math.max(0, width - tail.length - (barWidth ? barWidth + 3 : 1));
  if (label.length > labelRoom) label = labelRoom > 1 ? `${label.slice(0, labelRoom - 1)}…` : '';
  let bar = '';
  if (barWidth && s.total) {
    const filled = Math.round((barWidth * Math.min(s.done, s.total)) / s.total);
    bar = ` [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;
  }
  return `${label}${bar}${tail}`.slice(0, Math.max(0, width));
}

/** A line for logs and pipes, printed now and then instead of a redrawn bar. */
export function renderPlainLine(s: ProgressSnapshot): string {
  return `${s.label}: ${transferLine(stateOf(s))}`;
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
  private readonly rate = new TransferRate();
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
    this.rate.add(this.started, this.doneBytes);
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
    this.rate.add(t, done);
    const interval = this.tty ? this.opts.redrawIntervalMs : this.opts.lineIntervalMs;
    if (t - this.lastDraw >= interval) this.draw(t);
  }

  snapshot(t = this.opts.now()): ProgressSnapshot {
    const total = this.opts.total;
    const speed = this.rate.speed(t);
    const eta = total === null ? null : this.rate.secondsLeft(total, t);
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
