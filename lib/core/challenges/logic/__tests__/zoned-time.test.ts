import { describe, expect, it } from 'vitest';
import { utcToZonedLocal, zonedLocalToUtc } from '@/lib/core/challenges/logic/zoned-time';

describe('zonedLocalToUtc', () => {
  it('reads a wall time in the challenge zone as the right UTC instant', () => {
    expect(zonedLocalToUtc('2026-08-14T17:00', 'America/Los_Angeles').toISOString()).toBe('2026-08-15T00:00:00.000Z');
    expect(zonedLocalToUtc('2026-02-27T09:00', 'Europe/Berlin').toISOString()).toBe('2026-02-27T08:00:00.000Z');
    expect(zonedLocalToUtc('2026-02-27T09:00', 'UTC').toISOString()).toBe('2026-02-27T09:00:00.000Z');
    expect(zonedLocalToUtc('2026-06-01T00:00', 'Asia/Kolkata').toISOString()).toBe('2026-05-31T18:30:00.000Z');
  });

  it('takes the earlier instant when clocks go back and a wall time happens twice', () => {
    // New York, 1 Nov 2026: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(zonedLocalToUtc('2026-11-01T01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('moves a wall time that never happens (clocks go forward) later, not earlier', () => {
    // New York, 8 Mar 2026: 02:30 does not exist; read with EST it is 07:30Z = 03:30 EDT.
    const d = zonedLocalToUtc('2026-03-08T02:30', 'America/New_York');
    expect(d.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(utcToZonedLocal(d, 'America/New_York')).toBe('2026-03-08T03:30');
  });

  it('round-trips with utcToZonedLocal', () => {
    for (const zone of ['UTC', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns']) {
      for (const local of ['2026-01-15T08:45', '2026-07-04T23:59', '2026-12-31T00:00']) {
        expect(utcToZonedLocal(zonedLocalToUtc(local, zone), zone)).toBe(local);
      }
    }
  });

  it('refuses malformed and impossible dates and unknown zones', () => {
    for (const bad of ['', '2026-08-14', '2026-08-14 17:00', '14/08/2026 17:00', '2026-02-30T10:00', '2026-13-01T10:00', '2026-08-14T24:00', '2026-08-14T17:60', "2026-08-14T17:00'; DROP"]) {
      expect(() => zonedLocalToUtc(bad, 'UTC'), bad).toThrow(/not/);
    }
    expect(() => zonedLocalToUtc('2026-08-14T17:00', 'Mars/Olympus')).toThrow(/Unknown time zone/);
  });
});
