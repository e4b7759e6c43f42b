import { describe, expect, it } from 'vitest';
import { entriesDeadlineLabel, judgingDeadlineText } from '@/lib/core/challenges/logic/deadline-words';

const at = new Date('2026-08-01T12:00:00Z');
const before = new Date('2026-07-31T12:00:00Z');
const after = new Date('2026-08-02T12:00:00Z');

describe('deadline words', () => {
  it('a judging deadline reads as future only while it is', () => {
    const ch = { state: 'JUDGING' as const, judgingCloseAt: at, timeZone: 'UTC' };
    expect(judgingDeadlineText(ch, before)).toMatch(/^Judging closes Aug 1, 2026/);
    expect(judgingDeadlineText(ch, after)).toMatch(/^Judging closed Aug 1, 2026/);
    expect(judgingDeadlineText(ch, at)).toMatch(/^Judging closed/);
    // Results published before the deadline: judging is over whatever the date says.
    expect(judgingDeadlineText({ ...ch, state: 'RESULTS' }, before)).toBe('Judging has ended: results are published');
    expect(judgingDeadlineText({ ...ch, state: 'ARCHIVED' }, after)).toMatch(/^Judging closed/);
  });

  it('entries close only while the challenge takes entries and the deadline is ahead', () => {
    expect(entriesDeadlineLabel({ state: 'OPEN', submissionsCloseAt: at }, before)).toBe('Entries close');
    // Open by state, but the clock has not moved it on yet: the deadline is gone.
    expect(entriesDeadlineLabel({ state: 'OPEN', submissionsCloseAt: at }, after)).toBe('Entries closed');
    expect(entriesDeadlineLabel({ state: 'JUDGING', submissionsCloseAt: at }, before)).toBe('Entries closed');
    expect(entriesDeadlineLabel({ state: 'DRAFT', submissionsCloseAt: at }, before)).toBe('Entries close');
  });
});
