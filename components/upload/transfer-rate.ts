// Speed and time left of a transfer from progress samples, averaged over a sliding window so the
// figures do not jump with every part. Pure; the upload page feeds it Uppy's progress events.

export class TransferRate {
  private samples: { t: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 6000) {}

  /** Records that `bytes` in total had been transferred at time `t` (ms). */
  add(t: number, bytes: number): void {
    const last = this.samples[this.samples.length - 1];
    // A restart from fewer bytes (pause, resume, retry) starts a new measurement.
    if (last && bytes < last.bytes) this.samples = [];
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && this.samples[0].t < t - this.windowMs) this.samples.shift();
  }

  reset(): void {
    this.samples = [];
  }

  /** Bytes per second over the window, or null before there is enough to say. */
  speed(now: number): number | null {
    if (this.samples.length < 2) return null;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    // A transfer that has gone quiet is slowing down, not keeping its last speed.
    const span = Math.max(last.t, now) - first.t;
    if (span < 500) return null;
    return ((last.bytes - first.bytes) * 1000) / span;
  }

  /** Seconds until `total` bytes at the current speed, or null. */
  secondsLeft(total: number, now: number): number | null {
    const speed = this.speed(now);
    const last = this.samples[this.samples.length - 1];
    if (!speed || !last || speed <= 0) return null;
    return Math.max(0, (total - last.bytes) / speed);
  }
}

export function formatSpeed(bytesPerSecond: number | null): string {
  if (bytesPerSecond === null) return '—';
  const mb = bytesPerSecond / 1e6;
  return mb >= 100 ? `${mb.toFixed(0)} MB/s` : mb >= 1 ? `${mb.toFixed(1)} MB/s` : `${(bytesPerSecond / 1e3).toFixed(0)} kB/s`;
}

export function formatTimeLeft(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'estimating…';
  if (seconds < 5) return 'a few seconds left';
  if (seconds < 60) return `${Math.round(seconds)} s left`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min left`;
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return `${h} h ${m} min left`;
}
