import 'server-only';
import { effectiveState, formatInZone } from '@/lib/core/challenges/logic/state-machine';

/**
 * Scoring is open while the challenge is JUDGING and before judgingCloseAt (exclusive). A
 * submitted scorecard can be changed (each change is logged) until then. After the judging
 * deadline, and once results are published, scores are frozen.
 */
export const SCORING_RULE =
  'Scores can be saved as a draft and submitted while the challenge is being judged, until the judging deadline. ' +
  'A submitted scorecard can still be changed until then (every change is logged); after the deadline, and once results are published, scores are frozen.';

export function scoringWindow(
  ch: { state: 'DRAFT' | 'OPEN' | 'JUDGING' | 'RESULTS' | 'ARCHIVED'; submissionsOpenAt: Date; submissionsCloseAt: Date; judgingCloseAt: Date; timeZone: string },
  now: Date,
): { open: true; frozen: false } | { open: false; frozen: boolean; reason: string } {
  const state = effectiveState(ch, now);
  if (state === 'RESULTS' || state === 'ARCHIVED') return { open: false, frozen: true, reason: 'Results are published: scores are frozen.' };
  if (state !== 'JUDGING' || ch.state !== 'JUDGING') return { open: false, frozen: false, reason: 'Judging has not started yet.' };
  if (now.getTime() >= ch.judgingCloseAt.getTime()) return { open: false, frozen: true, reason: `Judging closed on ${formatInZone(ch.judgingCloseAt, ch.timeZone)}: scores are frozen.` };
  return { open: true, frozen: false };
}
