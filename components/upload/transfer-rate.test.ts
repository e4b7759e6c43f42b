import { describe, expect, it } from 'vitest';
import { TransferRate, formatSpeed, formatTimeLeft } from '@/components/upload/transfer-rate';

describe('TransferRate', () => {
  it('averages over the window and estimates the time left', () => {
    const r = new TransferRate(6000);
    expect(r.speed(0)).toBeNull();
    for (let s = 0; s <= 10; s++) r.add(s * 1000, s * 10_000_000);
    expect(r.speed(10_000)).toBeCloseTo(10_000_000, -3);
    expect(r.secondsLeft(200_000_000, 10_000)).toBeCloseTo(10, 0);
  });

  it('slows down when progress stops, and restarts after a pause that went backwards', () => {
    const r = new TransferRate(6000);
    r.add(0, 0);
    r.add(2000, 20_000_000);
    expect(r.speed(2000)).toBe(10_000_000);
    expect(r.speed(4000)).toBe(5_000_000);
    r.add(5000, 8_000_000);
    expect(r.speed(5000)).toBeNull();
  });

  it('formats for people', () => {
    expect(formatSpeed(null)).toBe('—');
    expect(formatSpeed(12_345_678)).toBe('12.3 MB/s');
    expect(formatSpeed(512_000)).toBe('512 kB/s');
    expect(formatTimeLeft(null)).toBe('estimating…');
    expect(formatTimeLeft(42)).toBe('42 s left');
    expect(formatTimeLeft(600)).toBe('10 min left');
    expect(formatTimeLeft(3 * 3600 + 20 * 60)).toBe('3 h 20 min left');
  });
});
