'use client';

import { useActionState, useMemo, useState } from 'react';
import { initialActionState, type ActionState } from '@/lib/core/actions/action-state';
import { FormMessage, inputClass } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { weightShares } from '@/lib/core/challenges/logic/weight-shares';

export interface ScoringCriterion {
  id: string;
  name: string;
  description: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
}

/** Same formula as the server's judgeScore: each value rescaled to 0..1, weighted mean × 100. */
function preview(criteria: ScoringCriterion[], values: Record<string, string>): number | null {
  let total = 0;
  let weights = 0;
  for (const c of criteria) {
    const raw = values[c.id];
    if (raw === undefined || raw === '') return null;
    total += c.weight * ((Number(raw) - c.scaleMin) / (c.scaleMax - c.scaleMin));
    weights += c.weight;
  }
  return weights > 0 ? (total / weights) * 100 : null;
}

export function ScorecardForm({
  action,
  criteria,
  initial,
  status,
  disabled,
  disabledReason,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  criteria: ScoringCriterion[];
  initial: { values: Record<string, { value: number; comment: string }>; comment: string };
  status: 'NOT_STARTED' | 'DRAFT' | 'SUBMITTED';
  disabled: boolean;
  disabledReason?: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(initial.values).map(([k, v]) => [k, String(v.value)])));
  const [notes, setNotes] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(initial.values).map(([k, v]) => [k, v.comment])));
  const [comment, setComment] = useState(initial.comment);
  const score = useMemo(() => preview(criteria, values), [criteria, values]);
  const shares = weightShares(criteria.map((c) => c.weight));
  const submitted = status === 'SUBMITTED';

  return (
    <form action={formAction} className="space-y-5" aria-label="Scorecard">
      <FormMessage state={state} />
      {disabled && disabledReason && <p className="rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-700">{disabledReason}</p>}
      <fieldset disabled={disabled} className="space-y-5">
        {criteria.map((c, i) => {
          const span = c.scaleMax - c.scaleMin;
          const error = state.fields?.[`score.${c.id}`];
          return (
            <div key={c.id} className="space-y-2" role="group" aria-labelledby={`crit-${c.id}`}>
              <div className="flex items-baseline justify-between gap-2">
                <p id={`crit-${c.id}`} className="text-sm font-semibold text-slate-900">{c.name}</p>
                <span className="text-xs text-slate-500">
                  {shares[i]}% · scale {c.scaleMin}–{c.scaleMax}
                </span>
              </div>
              {c.description && <p className="text-xs text-slate-500">{c.description}</p>}
              {span <= 10 ? (
                <div className="flex flex-wrap gap-1">
                  {Array.from({ length: span + 1 }, (_, i) => c.scaleMin + i).map((n) => {
                    const checked = values[c.id] === String(n);
                    return (
                      <label
                        key={n}
                        className={cn(
                          'flex h-9 min-w-9 cursor-pointer items-center justify-center rounded-md border px-2 text-sm font-medium transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-300',
                          checked ? 'border-brand-600 bg-brand-600 text-white' : 'border-slate-300 bg-white text-slate-700 hover:border-brand-400',
                        )}
                      >
                        <input
                          type="radio"
                          className="sr-only"
                          name={`score.${c.id}`}
                          value={n}
                          checked={checked}
                          onChange={() => setValues((v) => ({ ...v, [c.id]: String(n) }))}
                          aria-label={`${c.name}: ${n}`}
                        />
                        {n}
                      </label>
                    );
                  })}
                </div>
              ) : (
                <input
                  type="number"
                  name={`score.${c.id}`}
                  min={c.scaleMin}
                  max={c.scaleMax}
                  value={values[c.id] ?? ''}
                  onChange={(e) => setValues((v) => ({ ...v, [c.id]: e.target.value }))}
                  aria-label={`${c.name} (${c.scaleMin}–${c.scaleMax})`}
                  className={cn(inputClass, 'w-32')}
                />
              )}
              {error && <p className="text-sm text-red-600">{error}</p>}
              <input
                name={`note.${c.id}`}
                value={notes[c.id] ?? ''}
                onChange={(e) => setNotes((n) => ({ ...n, [c.id]: e.target.value }))}
                placeholder="Comment on this criterion (optional)"
                aria-label={`Comment on ${c.name}`}
                className={cn(inputClass, 'text-xs')}
              />
            </div>
          );
        })}
        <div className="space-y-1.5">
          <label htmlFor="overall-comment" className="text-sm font-semibold text-slate-900">Overall comment</label>
          <textarea id="overall-comment" name="comment" rows={4} value={comment} onChange={(e) => setComment(e.target.value)} className={cn(inputClass, 'min-h-24')} />
        </div>
        <div className="flex items-center justify-between rounded-lg bg-slate-50 px-3 py-2">
          <span className="text-sm text-slate-600">Your score</span>
          <span className="text-lg font-semibold text-slate-900 tabular-nums" data-testid="score-preview">
            {score === null ? '—' : `${score.toFixed(1)} / 100`}
          </span>
        </div>
        <div className="flex flex-wrap gap-2">
          {!submitted && (
            <Button type="submit" name="intent" value="draft" variant="secondary" disabled={pending}>
              Save draft
            </Button>
          )}
          <Button type="submit" name="intent" value="submit" disabled={pending} className="flex-1">
            {pending ? 'Saving…' : submitted ? 'Update submitted scores' : 'Submit scores'}
          </Button>
        </div>
      </fieldset>
    </form>
  );
}
