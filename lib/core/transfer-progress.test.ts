import { describe, expect, it } from 'vitest';
import { TransferRate, formatDuration, formatRate, formatTimeLeft, percentDone, transferLine, transferParts } from '@/lib/core/transfer-progress';
import { renderPlainLine } from '@/apx/progress';

const MiB = 1024 * 1024;

describe('TransferRate', () => {
  it('averages over the last five seconds and estimates the time left', () => {
    const r = new TransferRate();
    expect(r.speed(0)).toBeNull();
    for (let s = 0; s <= 10; s++) r.add(s * 1000, s * 10 * MiB);
    expect(r.speed(10_000)! / MiB).toBeCloseTo(10, 5);
    expect(r.secondsLeft(200 * MiB, 10_000)).toBeCloseTo(10, 5);
  });

  it('follows a change of speed within the window, not the average since the start', () => {
    const r = new TransferRate();
    for (let s = 0; s <= 10; s++) r.add(s * 1000, s * MiB);
    for (let s = 1; s <= 10; s++) r.add(10_000 + s * 1000, 10 * MiB + s * 4 * MiB);
    expect(r.speed(20_000)! / MiB).toBeCloseTo(4, 5);
  });

  it('slows down when progress stops, and starts over after going backwards (a retried part)', () => {
    const r = new TransferRate();
    r.add(0, 0);
    r.add(2000, 20 * MiB);
    expect(r.speed(2000)! / MiB).toBe(10);
    expect(r.speed(4000)! / MiB).toBe(5);
    r.add(5000, 8 * MiB);
    expect(r.speed(5000)).toBeNull();
    expect(r.bytes).toBe(8 * MiB);
  });

  it('says nothing about speed from less than half a second, and 0 s left once done', () => {
    const r = new TransferRate();
    r.add(0, 0);
    r.add(300, MiB);
    expect(r.speed(300)).toBeNull();
    expect(r.secondsLeft(10 * MiB, 300)).toBeNull();
    r.add(1000, 10 * MiB);
    expect(r.secondsLeft(10 * MiB, 1000)).toBe(0);
  });
});

describe('percentDone', () => {
  it('rounds down, so 100% means every byte is there', () => {
    expect(percentDone(0, 100)).toBe(0);
    expect(percentDone(119, 1000)).toBe(11);
    expect(percentDone(999_999, 1_000_000)).toBe(99);
    expect(percentDone(1_000_000, 1_000_000)).toBe(100);
    expect(percentDone(2_000_000, 1_000_000)).toBe(100);
  });

  it('is unknown without a total', () => {
    expect(percentDone(5, null)).toBeNull();
    expect(percentDone(5, 0)).toBeNull();
  });
});

describe('formatting', () => {
  it('rates in the binary units file sizes use', () => {
    expect(formatRate(4 * MiB)).toBe('4.0 MiB/s');
    expect(formatRate(4_000_000)).toBe('3.8 MiB/s');
    expect(formatRate(512 * 1024)).toBe('512 KiB/s');
    expect(formatRate(100)).toBe('100 B/s');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
  });

  it('durations and time left', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(44.4)).toBe('44 s');
    expect(formatDuration(99)).toBe('1 min 39 s');
    expect(formatDuration(605)).toBe('10 min');
    expect(formatDuration(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
    expect(formatDuration(3600 + 5 * 60)).toBe('1 h 05 min');
    expect(formatTimeLeft(99)).toBe('1 min 39 s left');
    expect(formatTimeLeft(null)).toBe('estimating…');
    expect(formatTimeLeft(Infinity)).toBe('estimating…');
  });

  it('one line: percent, amounts, speed, time left', () => {
    const state = { done: 40 * MiB, total: 330 * MiB, speed: 4 * MiB, secondsLeft: 72.5 };
    expect(transferLine(state)).toBe('12% · 40.0 MiB of 330 MiB · 4.0 MiB/s · 1 min 13 s left');
    expect(transferLine({ ...state, paused: true })).toBe('12% · 40.0 MiB of 330 MiB · paused');
    expect(transferLine({ done: 5 * MiB, total: null, speed: null, secondsLeft: null })).toBe('5.0 MiB · — · estimating…');
    expect(transferParts(state)).toEqual({ percent: '12%', amount: '40.0 MiB of 330 MiB', speed: '4.0 MiB/s', timeLeft: '1 min 13 s left' });
  });

  it('apx prints the very same figures as the uploader', () => {
    const state = { done: 40 * MiB, total: 330 * MiB, speed: 4 * MiB, secondsLeft: 72.5 };
    expect(renderPlainLine({ label: 'Uploading disk.ova', done: state.done, total: state.total, speed: state.speed, eta: state.secondsLeft, elapsedMs: 10_000 })).toBe(
      `Uploading disk.ova: ${transferLine(state)}`,
    );
  });
});
