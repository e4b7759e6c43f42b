/**
 * Wall-clock times in a challenge's time zone ↔ UTC instants. Admins type deadlines as they read
 * them in the challenge's zone (an HTML datetime-local value, "2026-08-14T17:00"); the database
 * stores UTC. Pure, on Intl only, so it works the same on the server and in tests.
 *
 * Daylight-saving edges: a wall time that happens twice (clocks go back) means the earlier
 * instant; one that never happens (clocks go forward) is read with the offset in force before
 * the change, so 02:30 on a spring-forward night becomes 03:30 — later, never earlier, which is
 * the safe side for a deadline.
 */
import { invalid } from '@/lib/core/errors';
import { isValidTimeZone } from './state-machine';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const HOUR = 3_600_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    if (!isValidTimeZone(timeZone)) throw invalid(`Unknown time zone: ${timeZone}.`);
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

function wallClock(ms: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of partsFormat(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal' && p.type !== 'era') parts[p.type] = Number(p.value);
  }
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** Milliseconds the zone is ahead of UTC at instant `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** "2026-08-14T17:00" in `timeZone` → the UTC instant. Refuses malformed and impossible dates. */
export function zonedLocalToUtc(local: string, timeZone: string): Date {
  const m = LOCAL.exec(local.trim());
  if (!m) throw invalid(`"${local}" is not a date and time like 2026-08-14T17:00.`);
  const [year, month, day, hour, minute, second = 0] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw invalid(`"${local}" is not a real date and time.`);
  }
  partsFormat(timeZone);
  const before = wall - offsetAt(wall - 12 * HOUR, timeZone);
  const after = wall - offsetAt(wall + 12 * HOUR, timeZone);
  const matches = [before, after].filter((ms) => sameWall(ms, timeZone, wall));
  if (matches.length > 0) return new Date(Math.min(...matches));
  return new Date(before);
}

function sameWall(ms: number, timeZone: string, wall: number): boolean {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) === wall;
}

/** The instant as a datetime-local value ("2026-08-14T17:00") on the zone's wall clock. */
export function utcToZonedLocal(date: Date, timeZone: string): string {
  if (Number.isNaN(date.getTime())) throw invalid('Cannot format an invalid date.');
  const w = wallClock(date.getTime(), timeZone);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}
