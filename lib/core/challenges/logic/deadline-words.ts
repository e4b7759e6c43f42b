// Deadlines in words that agree with the clock: a date gone never reads as one to come. Pure.
import { formatInZone } from './state-machine';

type State = 'DRAFT' | 'OPEN' | 'JUDGING' | 'RESULTS' | 'ARCHIVED';

const passed = (at: Date, now: Date) => at.getTime() <= now.getTime();

/** "Entries close" while entries can still come (open, or about to open), "Entries closed" once the deadline or the state says so. */
export function entriesDeadlineLabel(ch: { state: State; submissionsCloseAt: Date }, now: Date): 'Entries close' | 'Entries closed' {
  return (ch.state === 'OPEN' || ch.state === 'DRAFT') && !passed(ch.submissionsCloseAt, now) ? 'Entries close' : 'Entries closed';
}

/** "Judging closes …" before the judging deadline, "Judging closed …" after it or once results are out. */
export function judgingDeadlineText(ch: { state: State; judgingCloseAt: Date; timeZone: string }, now: Date): string {
  const when = formatInZone(ch.judgingCloseAt, ch.timeZone);
  if (ch.state === 'RESULTS' || ch.state === 'ARCHIVED') return passed(ch.judgingCloseAt, now) ? `Judging closed ${when}` : 'Judging has ended: results are published';
  return passed(ch.judgingCloseAt, now) ? `Judging closed ${when}` : `Judging closes ${when}`;
}
