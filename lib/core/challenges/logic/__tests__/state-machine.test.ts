import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/core/errors';
import { ForbiddenTransitionError } from '@/lib/core/challenges/logic/errors';
import {
  availableActions,
  canEnter,
  effectiveState,
  formatInZone,
  isValidTimeZone,
  nextState,
  votingOpen,
  type ChallengeAction,
  type ChallengeSchedule,
  type ChallengeState,
} from '@/lib/core/challenges/logic/state-machine';

const STATES: ChallengeState[] = ['DRAFT', 'OPEN', 'JUDGING', 'RESULTS', 'ARCHIVED'];
const ACTIONS: ChallengeAction[] = ['open', 'close', 'publish', 'archive'];
const ALLOWED: Record<string, ChallengeState> = {
  'DRAFT open': 'OPEN',
  'OPEN close': 'JUDGING',
  'JUDGING publish': 'RESULTS',
  'RESULTS archive': 'ARCHIVED',
};

describe('nextState', () => {
  const all = STATES.flatMap((state) => ACTIONS.map((action) => [state, action] as const));

  it.each(all.filter(([s, a]) => `${s} ${a}` in ALLOWED))('allows %s --%s-->', (state, action) => {
    expect(nextState(state, action)).toBe(ALLOWED[`${state} ${action}`]);
  });

  it.each(all.filter(([s, a]) => !(`${s} ${a}` in ALLOWED)))('forbids %s --%s-->', (state, action) => {
    let error: unknown;
    try {
      nextState(state, action);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ForbiddenTransitionError);
    expect(error).toBeInstanceOf(AppError);
    if (!(error instanceof ForbiddenTransitionError)) return;
    expect(error.code).toBe('CONFLICT');
    expect(error.from).toBe(state);
    expect(error.action).toBe(action);
    expect(error.message).toContain(state);
    expect(error.message).toContain(action);
  });

  it('words the refusal for a person', () => {
    expect(() => nextState('OPEN', 'publish')).toThrow('Cannot publish a challenge that is OPEN (allowed from OPEN: close).');
    expect(() => nextState('ARCHIVED', 'open')).toThrow('Cannot open a challenge that is ARCHIVED (ARCHIVED allows no action).');
  });

  it('offers exactly the allowed actions', () => {
    expect(Object.fromEntries(STATES.map((s) => [s, availableActions(s)]))).toEqual({
      DRAFT: ['open'],
      OPEN: ['close'],
      JUDGING: ['publish'],
      RESULTS: ['archive'],
      ARCHIVED: [],
    });
  });
});

// Entries open Aug 1, 2026 16:00 UTC and close Aug 15, 2026 00:00 UTC = Aug 14, 5:00 PM PDT.
const schedule = (state: ChallengeState, extra: Partial<ChallengeSchedule> = {}): ChallengeSchedule => ({
  state,
  submissionsOpenAt: new Date('2026-08-01T16:00:00Z'),
  submissionsCloseAt: new Date('2026-08-15T00:00:00Z'),
  judgingCloseAt: new Date('2026-09-01T00:00:00Z'),
  timeZone: 'America/Los_Angeles',
  ...extra,
});
const at = (iso: string) => new Date(iso);

describe('effectiveState', () => {
  it('turns OPEN into JUDGING at the deadline, not a millisecond before', () => {
    expect(effectiveState(schedule('OPEN'), at('2026-08-14T23:59:59.999Z'))).toBe('OPEN');
    expect(effectiveState(schedule('OPEN'), at('2026-08-15T00:00:00.000Z'))).toBe('JUDGING');
    expect(effectiveState(schedule('OPEN'), at('2027-01-01T00:00:00Z'))).toBe('JUDGING');
  });

  it('leaves every other state to the admin', () => {
    const late = at('2027-01-01T00:00:00Z');
    expect(effectiveState(schedule('DRAFT'), late)).toBe('DRAFT');
    // Past judgingCloseAt, results still wait for an admin to publish them.
    expect(effectiveState(schedule('JUDGING'), late)).toBe('JUDGING');
    expect(effectiveState(schedule('RESULTS'), late)).toBe('RESULTS');
    expect(effectiveState(schedule('ARCHIVED'), late)).toBe('ARCHIVED');
  });

  it('accepts ISO strings, keeps OPEN without a deadline, and refuses an invalid date', () => {
    expect(effectiveState(schedule('OPEN', { submissionsCloseAt: '2026-08-15T00:00:00Z' }), at('2026-08-15T00:00:00Z'))).toBe(
      'JUDGING',
    );
    expect(effectiveState(schedule('OPEN', { submissionsCloseAt: null }), at('2099-01-01T00:00:00Z'))).toBe('OPEN');
    expect(() => effectiveState(schedule('OPEN', { submissionsCloseAt: 'soon' }), at('2026-08-02T00:00:00Z'))).toThrow(
      'submissionsCloseAt is not a valid date: soon.',
    );
  });
});

describe('canEnter', () => {
  it('accepts from the open time on, until just before the deadline', () => {
    expect(canEnter(schedule('OPEN'), at('2026-08-01T16:00:00Z'))).toEqual({ ok: true });
    expect(canEnter(schedule('OPEN'), at('2026-08-14T23:59:59.999Z'))).toEqual({ ok: true });
  });

  it('refuses before the open time, saying when, in the challenge’s zone', () => {
    expect(canEnter(schedule('OPEN'), at('2026-08-01T15:59:59Z'))).toEqual({
      ok: false,
      reason: 'Entries open on Aug 1, 2026, 9:00 AM PDT.',
    });
  });

  it('refuses at and after the deadline, saying when it was', () => {
    const closed = { ok: false, reason: 'Entries closed on Aug 14, 2026, 5:00 PM PDT.' };
    expect(canEnter(schedule('OPEN'), at('2026-08-15T00:00:00Z'))).toEqual(closed);
    // An admin closed early: the stored state wins over the clock.
    expect(canEnter(schedule('JUDGING'), at('2026-08-10T00:00:00Z'))).toEqual(closed);
    expect(canEnter(schedule('RESULTS'), at('2026-08-10T00:00:00Z'))).toEqual(closed);
    expect(canEnter(schedule('ARCHIVED'), at('2026-08-10T00:00:00Z'))).toEqual(closed);
  });

  it('refuses a DRAFT even inside the entry window', () => {
    expect(canEnter(schedule('DRAFT'), at('2026-08-05T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'This challenge is not open for entries yet.',
    });
  });

  it('falls back to UTC for wording when the stored zone is unknown', () => {
    expect(canEnter(schedule('OPEN', { timeZone: 'Mars/Olympus' }), at('2026-08-16T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'Entries closed on Aug 15, 2026, 12:00 AM UTC.',
    });
  });
});

describe('votingOpen', () => {
  const voting = (state: ChallengeState, peoplesChoice = true) => ({
    peoplesChoice,
    state,
    votingOpensAt: new Date('2026-08-10T00:00:00Z'),
    votingClosesAt: new Date('2026-08-20T00:00:00Z'),
  });

  it('is open inside the window, from its start up to just before its end', () => {
    expect(votingOpen(voting('OPEN'), at('2026-08-09T23:59:59.999Z'))).toBe(false);
    expect(votingOpen(voting('OPEN'), at('2026-08-10T00:00:00Z'))).toBe(true);
    expect(votingOpen(voting('JUDGING'), at('2026-08-19T23:59:59.999Z'))).toBe(true);
    expect(votingOpen(voting('JUDGING'), at('2026-08-20T00:00:00Z'))).toBe(false);
  });

  it('is closed without People’s Choice, outside OPEN and JUDGING, or without a full window', () => {
    const inside = at('2026-08-15T00:00:00Z');
    expect(votingOpen(voting('OPEN', false), inside)).toBe(false);
    expect(votingOpen(voting('DRAFT'), inside)).toBe(false);
    expect(votingOpen(voting('RESULTS'), inside)).toBe(false);
    expect(votingOpen(voting('ARCHIVED'), inside)).toBe(false);
    expect(votingOpen({ ...voting('OPEN'), votingClosesAt: null }, inside)).toBe(false);
    expect(votingOpen({ ...voting('OPEN'), votingOpensAt: null }, inside)).toBe(false);
  });
});

describe('formatInZone', () => {
  it('formats in the given zone with its abbreviation, daylight saving included', () => {
    expect(formatInZone(at('2026-08-15T00:00:00Z'), 'America/Los_Angeles')).toBe('Aug 14, 2026, 5:00 PM PDT');
    expect(formatInZone(at('2026-12-15T00:00:00Z'), 'America/Los_Angeles')).toBe('Dec 14, 2026, 4:00 PM PST');
    expect(formatInZone(at('2026-08-15T00:00:00Z'), 'UTC')).toBe('Aug 15, 2026, 12:00 AM UTC');
    expect(formatInZone(at('2026-08-15T00:00:00Z'), 'Asia/Kolkata')).toBe('Aug 15, 2026, 5:30 AM GMT+5:30');
  });

  it('uses plain spaces only', () => {
    expect(formatInZone(at('2026-08-15T00:00:00Z'), 'Europe/Berlin')).toMatch(/^[\x20-\x7e]+$/);
  });

  it('refuses an unknown zone or an invalid date', () => {
    expect(() => formatInZone(at('2026-08-15T00:00:00Z'), 'Mars/Olympus')).toThrow('Unknown time zone: Mars/Olympus.');
    expect(() => formatInZone(new Date(Number.NaN), 'UTC')).toThrow(AppError);
  });
});

describe('isValidTimeZone', () => {
  it.each(['UTC', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'Etc/GMT+5'])('accepts %s', (tz) => {
    expect(isValidTimeZone(tz)).toBe(true);
  });

  it.each(['', '   ', 'Mars/Olympus', 'America/Atlantis', 'PDT+1'])('refuses %j', (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
  });
});
