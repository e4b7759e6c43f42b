import { cn } from '@/components/ui/cn';
import { formatInZone } from '@/lib/core/challenges/logic/state-machine';
import type { ChallengeStateName } from '@/components/challenges/state-badge';

const ORDER: ChallengeStateName[] = ['DRAFT', 'OPEN', 'JUDGING', 'RESULTS', 'ARCHIVED'];

/** The life cycle as a row of steps, with the dates that move it along, in the challenge's zone. */
export function ChallengeTimeline({
  state,
  timeZone,
  submissionsOpenAt,
  submissionsCloseAt,
  judgingCloseAt,
  resultsPublishedAt,
  showDraft = false,
}: {
  state: ChallengeStateName;
  timeZone: string;
  submissionsOpenAt: Date;
  submissionsCloseAt: Date;
  judgingCloseAt: Date;
  resultsPublishedAt: Date | null;
  showDraft?: boolean;
}) {
  const current = ORDER.indexOf(state);
  const steps = [
    ...(showDraft ? [{ state: 'DRAFT' as const, title: 'Draft', when: 'Being prepared' }] : []),
    { state: 'OPEN' as const, title: 'Submissions', when: `${formatInZone(submissionsOpenAt, timeZone)} → ${formatInZone(submissionsCloseAt, timeZone)}` },
    { state: 'JUDGING' as const, title: 'Judging', when: `until ${formatInZone(judgingCloseAt, timeZone)}` },
    { state: 'RESULTS' as const, title: 'Results', when: resultsPublishedAt ? formatInZone(resultsPublishedAt, timeZone) : 'Announced by the organisers' },
  ];
  return (
    <ol className="grid gap-3 sm:grid-flow-col sm:auto-cols-fr" aria-label="Challenge timeline">
      {steps.map((s, i) => {
        const index = ORDER.indexOf(s.state);
        const done = index < current || (s.state === 'RESULTS' && current >= index);
        const active = index === current || (s.state === 'RESULTS' && state === 'ARCHIVED');
        return (
          <li
            key={s.state}
            aria-current={active ? 'step' : undefined}
            className={cn(
              'relative rounded-xl border p-4',
              active ? 'border-brand-300 bg-brand-50' : done ? 'border-emerald-200 bg-emerald-50/50' : 'border-slate-200 bg-white',
            )}
          >
            <div className="flex items-center gap-2">
              <span
                aria-hidden
                className={cn(
                  'flex size-6 items-center justify-center rounded-full text-xs font-bold',
                  active ? 'bg-brand-600 text-white' : done ? 'bg-emerald-500 text-white' : 'bg-slate-200 text-slate-600',
                )}
              >
                {done && !active ? '✓' : i + 1}
              </span>
              <span className="font-semibold text-slate-900">{s.title}</span>
            </div>
            <p className="mt-2 text-xs leading-relaxed text-slate-600">{s.when}</p>
          </li>
        );
      })}
    </ol>
  );
}
