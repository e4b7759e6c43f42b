import { describe, expect, it } from 'vitest';
import { formatDuration, formatRate, ProgressBar, renderPlainLine, renderTtyLine, type ProgressSnapshot } from '@/apx/progress';

const MiB = 1024 * 1024;

function fakeStream(isTTY: boolean, columns = 80) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns, write: (s: string) => writes.push(s) } };
}

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('formatting', () => {
  it('durations and rates read as the web uploader shows them (lib/core/transfer-progress.ts)', () => {
    expect(formatDuration(3.4)).toBe('3 s');
    expect(formatDuration(65)).toBe('1 min 05 s');
    expect(formatDuration(3723)).toBe('1 h 02 min');
    expect(formatRate(5 * MiB)).toBe('5.0 MiB/s');
    expect(formatRate(512)).toBe('512 B/s');
    expect(formatRate(null)).toBe('—');
  });

  const snapshot: ProgressSnapshot = { label: 'hello-1.2.0.ova', done: 45 * MiB, total: 100 * MiB, speed: 5 * MiB, eta: 11, elapsedMs: 9000 };

  it('a terminal line has the bar, percentage, amounts, speed and time left, and fits the width', () => {
    const line = renderTtyLine(snapshot, 100);
    expect(line).toMatch(/^hello-1\.2\.0\.ova \[#+\.+\]  45%  45\.0 MiB of 100 MiB    5\.0 MiB\/s  +11 s left$/);
    // The fields keep their width: the bar does not move as the numbers change.
    expect(renderTtyLine({ ...snapshot, done: 5 * MiB, speed: 100 * MiB, eta: 0.5 }, 100).length).toBe(line.length);
    for (const width of [120, 80, 60, 40, 20, 5]) expect(renderTtyLine({ ...snapshot, label: 'x'.repeat(200) }, width).length).toBeLessThanOrEqual(width);
  });

  it('the bar fills in proportion', () => {
    const bar = (done: number) => /\[(#*)\.*\]/.exec(renderTtyLine({ ...snapshot, done }, 120))![1].length;
    expect(bar(0)).toBe(0);
    expect(bar(100 * MiB)).toBe(30);
    expect(bar(50 * MiB)).toBe(15);
  });

  it('without a total there is no bar or percentage', () => {
    expect(renderTtyLine({ ...snapshot, total: null, eta: null }, 100)).toMatch(/^hello-1\.2\.0\.ova 45\.0 MiB    5\.0 MiB\/s  +estimating…$/);
  });

  it('a plain line reads as a sentence', () => {
    expect(renderPlainLine(snapshot)).toBe('hello-1.2.0.ova: 45% · 45.0 MiB of 100 MiB · 5.0 MiB/s · 11 s left');
  });
});

describe('ProgressBar', () => {
  it('on a terminal redraws one line in place (\\r), at most every 100 ms, and ends with a summary', () => {
    const { writes, stream } = fakeStream(true);
    const c = clock();
    const bar = new ProgressBar({ label: 'file', total: 10 * MiB, stream, now: c.now });
    for (let i = 1; i <= 10; i++) {
      c.advance(50);
      bar.update(i * MiB);
    }
    bar.finish();
    const redraws = writes.slice(0, -1);
    expect(redraws.length).toBe(5);
    for (const w of redraws) expect(w).toMatch(/^\r.*\x1b\[K$/);
    expect(writes.at(-1)).toMatch(/^\rfile: 10\.0 MiB in 1 s \(20\.0 MiB\/s\)\x1b\[K\n$/);
  });

  it('a terminal that reports 0 columns still gets a readable line', () => {
    const { writes, stream } = fakeStream(true, 0);
    const c = clock();
    const bar = new ProgressBar({ label: 'file', total: 10 * MiB, stream, now: c.now });
    c.advance(1000);
    bar.update(5 * MiB);
    expect(writes[0]).toMatch(/^\rfile \[#+\.+\]  50%   5\.0 MiB of 10\.0 MiB    5\.0 MiB\/s  +1 s left\x1b\[K$/);
  });

  it('speed and time left follow the recent rate (a 5 s window), not the average since the start', () => {
    const { stream } = fakeStream(true);
    const c = clock();
    const bar = new ProgressBar({ label: 'f', total: 100 * MiB, stream, now: c.now });
    // 10 s at 1 MiB/s, then 10 s at 4 MiB/s.
    for (let s = 1; s <= 10; s++) {
      c.advance(1000);
      bar.update(s * MiB);
    }
    for (let s = 1; s <= 10; s++) {
      c.advance(1000);
      bar.update(10 * MiB + s * 4 * MiB);
    }
    const snap = bar.snapshot();
    expect(snap.speed! / MiB).toBeGreaterThan(3.9);
    expect(snap.speed! / MiB).toBeLessThan(4.1);
    expect(snap.eta).toBeCloseTo(50 / 4, 0);
  });

  it('without a terminal prints a plain line every 5 s, no carriage returns or escape codes', () => {
    const { writes, stream } = fakeStream(false);
    const c = clock();
    const bar = new ProgressBar({ label: 'file', total: 60 * MiB, stream, now: c.now });
    for (let s = 1; s <= 60; s++) {
      c.advance(500);
      bar.update(s * MiB);
    }
    bar.finish();
    expect(writes.length).toBe(6 + 1);
    for (const w of writes) {
      expect(w).not.toMatch(/[\r\x1b]/);
      expect(w.endsWith('\n')).toBe(true);
    }
    expect(writes[0]).toMatch(/^file: 16% · 10\.0 MiB of 60\.0 MiB · 2\.0 MiB\/s · 25 s left\n$/);
  });

  it('a resumed transfer shows the bytes already there as done but does not count them as speed', () => {
    const { writes, stream } = fakeStream(false);
    const c = clock();
    const bar = new ProgressBar({ label: 'f', total: 100 * MiB, stream, now: c.now, initial: 90 * MiB, lineIntervalMs: 1000 });
    c.advance(1000);
    bar.update(91 * MiB);
    expect(writes[0]).toMatch(/91% · .* · 1\.0 MiB\/s · 9 s left/);
    c.advance(1000);
    bar.update(100 * MiB);
    bar.finish();
    expect(writes.at(-1)).toMatch(/100 MiB in 2 s \(5\.0 MiB\/s\)/);
  });

  it('--quiet draws nothing; abandon ends a drawn terminal line', () => {
    const quiet = fakeStream(true);
    const c = clock();
    const bar = new ProgressBar({ label: 'f', total: 10, stream: quiet.stream, now: c.now, enabled: false });
    c.advance(1000);
    bar.update(5);
    bar.finish();
    expect(quiet.writes).toEqual([]);

    const loud = fakeStream(true);
    const other = new ProgressBar({ label: 'f', total: 10, stream: loud.stream, now: c.now });
    c.advance(1000);
    other.update(5);
    other.abandon();
    other.update(6);
    other.finish();
    expect(loud.writes.at(-1)).toBe('\n');
    expect(loud.writes.length).toBe(2);
  });
});
