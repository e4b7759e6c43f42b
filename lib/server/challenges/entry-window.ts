import 'server-only';
import { canEnter, effectiveState } from '@/lib/core/challenges/logic/state-machine';

/** Whether the challenge accepts entries now, in words, for the entrant panel. */
export function entryWindow(ch: Parameters<typeof canEnter>[0], now = new Date()) {
  return { ...canEnter(ch, now), state: effectiveState(ch, now) };
}
