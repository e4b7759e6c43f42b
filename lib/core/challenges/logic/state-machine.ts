/**
 * The challenge's life cycle (DESIGN.md, "The challenge"):
 *
 *   DRAFT ──open──► OPEN ──close──► JUDGING ──publish──► RESULTS ──archive──► ARCHIVED
 *
 * There is deliberately no way back: publishing freezes scores, and later corrections (a
 * disqualification) are separate admin actions with a logged reason, not a state change.
 * `close` may be taken by an admin early; the clock takes it at `submissionsCloseAt` anyway
 * (see `effectiveState`), so nothing depends on a cron job having run.
 */
import { invalid } from '@/lib/core/errors';
import { ForbiddenTransitionError } from './errors';

export type ChallengeState = 'DRAFT' | 'OPEN' | 'JUDGING' | 'RESULTS' | 'ARCHIVED';
export type ChallengeAction = 'open' | 'close' | 'publish' | 'archive';

type DateLike = Date | string;

export interface ChallengeSchedule {
  state: ChallengeState;
  /** Entries are refused before this instant; null means as soon as the challenge is OPEN. */
  submissionsOpenAt: DateLike | null;
  /** Entries are refused from this instant on (exclusive deadline); null means no deadline. */
  submissionsCloseAt: DateLike | null;
  /**
   * The judges' deadline. It does not change the state: results appear only when an admin
   * publishes them, and a late scorecard is the admin's call, not the clock's.
   */
  judgingCloseAt: DateLike | null;
  /** IANA zone the challenge is shown in; used to word deadlines in refusals. */
  timeZone?: string;
}

export interface VotingSchedule {
  peoplesChoice: boolean;
  votingOpensAt: DateLike | null;
  votingClosesAt: DateLike | null;
  state: ChallengeState;
}

const TRANSITIONS: Record<ChallengeState, Partial<Record<ChallengeAction, ChallengeState>>> = {
  DRAFT: { open: 'OPEN' },
  OPEN: { close: 'JUDGING' },
  JUDGING: { publish: 'RESULTS' },
  RESULTS: { archive: 'ARCHIVED' },
  ARCHIVED: {},
};

/**
 * The state after `action`, or a ForbiddenTransitionError naming both. Pass the effective
 * state: a stored OPEN past its deadline is JUDGING and may be published.
 */
export function nextState(current: ChallengeState, action: ChallengeAction): ChallengeState {
  // hasOwn guards against a state read from an outdated row or a hand-edited request.
  const target = Object.hasOwn(TRANSITIONS, current) ? TRANSITIONS[current][action] : undefined;
  if (target) return target;
  const allowed = availableActions(current);
  throw new ForbiddenTransitionError(
    current,
    action,
    `Cannot ${action} a challenge that is ${current}` +
      (allowed.length > 0 ? ` (allowed from ${current}: ${allowed.join(', ')}).` : ` (${current} allows no action).`),
  );
}

const ACTIONS: readonly ChallengeAction[] = ['open', 'close', 'publish', 'archive'];

/** The actions an admin may take from `state`: what the admin page offers as buttons. */
export function availableActions(state: ChallengeState): ChallengeAction[] {
  if (!Object.hasOwn(TRANSITIONS, state)) return [];
  return ACTIONS.filter((action) => TRANSITIONS[state][action] !== undefined);
}

/** The state as the clock sees it: an OPEN challenge past its entry deadline is JUDGING. */
export function effectiveState(ch: ChallengeSchedule, now: Date): ChallengeState {
  const closeAt = toTime(ch.submissionsCloseAt, 'submissionsCloseAt');
  if (ch.state === 'OPEN' && closeAt !== null && now.getTime() >= closeAt) return 'JUDGING';
  return ch.state;
}

/** Whether an entry may be submitted now: OPEN, at or after the open time, before the deadline. */
export function canEnter(ch: ChallengeSchedule, now: Date): { ok: true } | { ok: false; reason: string } {
  const state = effectiveState(ch, now);
  const openAt = toTime(ch.submissionsOpenAt, 'submissionsOpenAt');
  const closeAt = toTime(ch.submissionsCloseAt, 'submissionsCloseAt');
  const zone = ch.timeZone && isValidTimeZone(ch.timeZone) ? ch.timeZone : 'UTC';
  if (state === 'DRAFT') return { ok: false, reason: 'This challenge is not open for entries yet.' };
  if (state !== 'OPEN') {
    return {
      ok: false,
      reason:
        closeAt !== null
          ? `Entries closed on ${formatInZone(new Date(closeAt), zone)}.`
          : 'This challenge no longer accepts entries.',
    };
  }
  if (openAt !== null && now.getTime() < openAt) {
    return { ok: false, reason: `Entries open on ${formatInZone(new Date(openAt), zone)}.` };
  }
  return { ok: true };
}

/**
 * People's Choice voting runs inside its window and only while the challenge is OPEN or
 * JUDGING: publishing results freezes the public tally along with the judges' scores.
 */
export function votingOpen(ch: VotingSchedule, now: Date): boolean {
  if (!ch.peoplesChoice || (ch.state !== 'OPEN' && ch.state !== 'JUDGING')) return false;
  const opensAt = toTime(ch.votingOpensAt, 'votingOpensAt');
  const closesAt = toTime(ch.votingClosesAt, 'votingClosesAt');
  // Without both ends the window is not configured, and an unbounded vote is never intended.
  if (opensAt === null || closesAt === null) return false;
  return now.getTime() >= opensAt && now.getTime() < closesAt;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** "Aug 14, 2026, 5:00 PM PDT": how every deadline is shown, in the challenge's zone. */
export function formatInZone(date: Date, timeZone: string): string {
  if (Number.isNaN(date.getTime())) throw invalid('Cannot format an invalid date.');
  let format = zoneFormats.get(timeZone);
  if (!format) {
    if (!isValidTimeZone(timeZone)) throw invalid(`Unknown time zone: ${timeZone}.`);
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    zoneFormats.set(timeZone, format);
  }
  // Newer ICU puts a narrow no-break space before AM/PM; plain spaces survive e-mail and logs.
  return format.format(date).replace(/[\u202f\u00a0]/g, ' ');
}

/** True when Intl knows the zone (IANA names, any letter case, and the aliases it accepts). */
export function isValidTimeZone(tz: string): boolean {
  if (tz.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function toTime(value: DateLike | null, field: string): number | null {
  if (value === null) return null;
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) throw invalid(`${field} is not a valid date: ${String(value)}.`);
  return time;
}
