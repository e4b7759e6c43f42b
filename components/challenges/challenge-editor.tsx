'use client';

import { useActionState, useMemo, useState } from 'react';
import { initialActionState, type ActionState } from '@/lib/core/actions/action-state';
import { Field, FormMessage, Input, Textarea } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { slugify } from '@/lib/core/text/slugify';
import { weightShares } from '@/lib/core/challenges/logic/weight-shares';
import type { EditorCategory, EditorCriterion, EditorLocks, EditorValues } from '@/lib/core/challenges/editor-values';

let counter = 0;
const newKey = () => `new-${++counter}`;

export function ChallengeEditor({
  action,
  initial,
  locks,
  zones,
  submitLabel,
  originalSlug,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  initial: EditorValues;
  locks: EditorLocks;
  zones: string[];
  submitLabel: string;
  originalSlug?: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const [v, setV] = useState(initial);
  // A new challenge's address follows its title until the admin edits the address.
  const [slugTouched, setSlugTouched] = useState(!!initial.slug);
  const set = <K extends keyof EditorValues>(key: K, value: EditorValues[K]) => setV((old) => ({ ...old, [key]: value }));
  const err = (key: string) => state.fields?.[key];
  const shares = useMemo(() => weightShares(v.criteria.map((c) => Number(c.weight))), [v.criteria]);
  const zoneHint = `In ${v.timeZone || 'the challenge’s time zone'}; stored in UTC.`;

  const updateCategory = (key: string, patch: Partial<EditorCategory>) =>
    set('categories', v.categories.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  const updateCriterion = (key: string, patch: Partial<EditorCriterion>) =>
    set('criteria', v.criteria.map((c) => (c.key === key ? { ...c, ...patch } : c)));

  return (
    <form action={formAction} className="space-y-6" noValidate>
      {originalSlug && <input type="hidden" name="originalSlug" value={originalSlug} />}
      <FormMessage state={state} />

      <Card>
        <CardHeader title="Basics" description="What the challenge is called and what entrants must know." />
        <div className="grid gap-5 p-5 md:grid-cols-2">
          <Field label="Title" name="title" error={err('title')}>
            {(p) => (
              <Input
                {...p}
                name="title"
                value={v.title}
                onChange={(e) => {
                  const title = e.target.value;
                  setV((old) => ({ ...old, title, ...(slugTouched || locks.slug ? {} : { slug: slugify(title) }) }));
                }}
                required
              />
            )}
          </Field>
          <Field label="Address" name="slug" error={err('slug')} hint={locks.slug ? 'Fixed once the challenge is open.' : `/challenges/${v.slug || 'your-slug'}`}>
            {(p) => (
              <Input {...p} name="slug" value={v.slug} readOnly={locks.slug} onChange={(e) => {
                  setSlugTouched(true);
                  set('slug', e.target.value.toLowerCase());
                }} required pattern="[a-z0-9-]+" />
            )}
          </Field>
          <div className="md:col-span-2">
            <Field label="Summary" name="summary" error={err('summary')} hint="One or two sentences for the challenge list.">
              {(p) => <Input {...p} name="summary" value={v.summary} onChange={(e) => set('summary', e.target.value)} />}
            </Field>
          </div>
          <div className="md:col-span-2">
            <Field label="Rules" name="rules" error={err('rules')} hint="Markdown. Shown on the challenge page.">
              {(p) => <Textarea {...p} name="rules" rows={8} value={v.rules} onChange={(e) => set('rules', e.target.value)} className="font-mono text-[13px]" />}
            </Field>
          </div>
        </div>
      </Card>

      <Card>
        <CardHeader title="Schedule" description="Times are entered and shown in the challenge’s time zone." />
        <div className="grid gap-5 p-5 md:grid-cols-2 xl:grid-cols-4">
          <Field label="Time zone" name="timeZone" error={err('timeZone')} hint="An IANA zone, e.g. Europe/Berlin.">
            {(p) => (
              <>
                <Input {...p} name="timeZone" list="challenge-zones" value={v.timeZone} onChange={(e) => set('timeZone', e.target.value)} required />
                <datalist id="challenge-zones">
                  {zones.map((z) => (
                    <option key={z} value={z} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field label="Submissions open" name="submissionsOpenAt" error={err('submissionsOpenAt')} hint={zoneHint}>
            {(p) => <Input {...p} type="datetime-local" name="submissionsOpenAt" value={v.submissionsOpenAt} readOnly={locks.structure} onChange={(e) => set('submissionsOpenAt', e.target.value)} required />}
          </Field>
          <Field label="Submissions close" name="submissionsCloseAt" error={err('submissionsCloseAt')} hint={zoneHint}>
            {(p) => <Input {...p} type="datetime-local" name="submissionsCloseAt" value={v.submissionsCloseAt} readOnly={locks.structure} onChange={(e) => set('submissionsCloseAt', e.target.value)} required />}
          </Field>
          <Field label="Judging closes" name="judgingCloseAt" error={err('judgingCloseAt')} hint={zoneHint}>
            {(p) => <Input {...p} type="datetime-local" name="judgingCloseAt" value={v.judgingCloseAt} readOnly={locks.results} onChange={(e) => set('judgingCloseAt', e.target.value)} required />}
          </Field>
        </div>
      </Card>

      <Card>
        <CardHeader title="Judging" description="How entries are judged and ranked." />
        <div className="grid gap-5 p-5 md:grid-cols-2 xl:grid-cols-4">
          <Field label="Judges per entry (k)" name="judgesPerEntry" error={err('judgesPerEntry')}>
            {(p) => <Input {...p} type="number" min={1} max={10} name="judgesPerEntry" value={v.judgesPerEntry} readOnly={locks.structure} onChange={(e) => set('judgesPerEntry', e.target.value)} />}
          </Field>
          <Field label="Entries per developer" name="entryLimit" error={err('entryLimit')}>
            {(p) => <Input {...p} type="number" min={1} max={20} name="entryLimit" value={v.entryLimit} readOnly={locks.structure} onChange={(e) => set('entryLimit', e.target.value)} />}
          </Field>
          <Toggle name="blind" label="Blind judging" hint="Judges never see who entered." checked={v.blind} disabled={locks.structure} onChange={(c) => set('blind', c)} />
          <Toggle name="normalizeScores" label="Normalise scores" hint="Rank by per-judge z-scores." checked={v.normalizeScores} disabled={locks.results} onChange={(c) => set('normalizeScores', c)} />
        </div>
      </Card>

      <Card>
        <CardHeader title="Categories and prizes" description="Each entry competes in one category; each category has a winner." />
        <div className="space-y-4 p-5">
          {err('categories') && <p className="text-sm text-red-600">{err('categories')}</p>}
          {v.categories.map((c, i) => (
            <fieldset key={c.key} className="grid gap-3 rounded-lg border border-slate-200 bg-slate-50/60 p-4 md:grid-cols-[1fr_1fr_auto]" aria-label={`Category ${i + 1}`}>
              <input type="hidden" name="category.id" value={c.id ?? ''} />
              <Field label="Name" name={`category-${c.key}-name`} error={err(`categories.${i}.name`)}>
                {(p) => <Input {...p} name="category.name" value={c.name} onChange={(e) => updateCategory(c.key, { name: e.target.value })} />}
              </Field>
              <Field label="Prize" name={`category-${c.key}-prize`} error={err(`categories.${i}.prize`)}>
                {(p) => <Input {...p} name="category.prize" value={c.prize} placeholder="e.g. $1,000 and a feature" onChange={(e) => updateCategory(c.key, { prize: e.target.value })} />}
              </Field>
              <div className="flex items-end">
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  disabled={locks.structure || (c.entries ?? 0) > 0 || v.categories.length === 1}
                  onClick={() => set('categories', v.categories.filter((x) => x.key !== c.key))}
                  aria-label={`Remove category ${c.name || i + 1}`}
                >
                  Remove
                </Button>
              </div>
              <div className="md:col-span-3">
                <Field label="Description" name={`category-${c.key}-description`} error={err(`categories.${i}.description`)}>
                  {(p) => <Input {...p} name="category.description" value={c.description} onChange={(e) => updateCategory(c.key, { description: e.target.value })} />}
                </Field>
              </div>
            </fieldset>
          ))}
          <div className="flex flex-wrap items-end gap-4">
            <Button type="button" variant="secondary" size="sm" disabled={locks.structure} onClick={() => set('categories', [...v.categories, { key: newKey(), name: '', description: '', prize: '' }])}>
              + Add category
            </Button>
            <div className="min-w-64 flex-1">
              <Field label="Grand prize" name="grandPrize" error={err('grandPrize')} hint="Goes to the best of the category winners.">
                {(p) => <Input {...p} name="grandPrize" value={v.grandPrize} onChange={(e) => set('grandPrize', e.target.value)} placeholder="e.g. $5,000 and a keynote slot" />}
              </Field>
            </div>
          </div>
        </div>
      </Card>

      <Card>
        <CardHeader title="Rubric" description="Weighted criteria, each on its own scale. A judge’s score is the weighted mean, 0–100." />
        <div className="space-y-4 p-5">
          {err('criteria') && <p className="text-sm text-red-600">{err('criteria')}</p>}
          {v.criteria.map((c, i) => {
            const share = shares[i];
            return (
              <fieldset key={c.key} className="grid gap-3 rounded-lg border border-slate-200 bg-slate-50/60 p-4 md:grid-cols-[2fr_6rem_5rem_5rem_auto]" aria-label={`Criterion ${i + 1}`}>
                <input type="hidden" name="criterion.id" value={c.id ?? ''} />
                <Field label="Criterion" name={`criterion-${c.key}-name`} error={err(`criteria.${i}.name`)}>
                  {(p) => <Input {...p} name="criterion.name" value={c.name} onChange={(e) => updateCriterion(c.key, { name: e.target.value })} />}
                </Field>
                <Field label={`Weight (${share}%)`} name={`criterion-${c.key}-weight`} error={err(`criteria.${i}.weight`)}>
                  {(p) => <Input {...p} type="number" step="0.5" min="0.5" name="criterion.weight" value={c.weight} readOnly={locks.structure} onChange={(e) => updateCriterion(c.key, { weight: e.target.value })} />}
                </Field>
                <Field label="Min" name={`criterion-${c.key}-min`} error={err(`criteria.${i}.scaleMin`)}>
                  {(p) => <Input {...p} type="number" name="criterion.scaleMin" value={c.scaleMin} readOnly={locks.structure} onChange={(e) => updateCriterion(c.key, { scaleMin: e.target.value })} />}
                </Field>
                <Field label="Max" name={`criterion-${c.key}-max`} error={err(`criteria.${i}.scaleMax`)}>
                  {(p) => <Input {...p} type="number" name="criterion.scaleMax" value={c.scaleMax} readOnly={locks.structure} onChange={(e) => updateCriterion(c.key, { scaleMax: e.target.value })} />}
                </Field>
                <div className="flex items-end">
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    disabled={locks.structure || (c.scores ?? 0) > 0 || v.criteria.length === 1}
                    onClick={() => set('criteria', v.criteria.filter((x) => x.key !== c.key))}
                    aria-label={`Remove criterion ${c.name || i + 1}`}
                  >
                    Remove
                  </Button>
                </div>
                <div className="md:col-span-5">
                  <Field label="What judges look for" name={`criterion-${c.key}-description`} error={err(`criteria.${i}.description`)}>
                    {(p) => <Input {...p} name="criterion.description" value={c.description} onChange={(e) => updateCriterion(c.key, { description: e.target.value })} />}
                  </Field>
                </div>
              </fieldset>
            );
          })}
          <Button
            type="button"
            variant="secondary"
            size="sm"
            disabled={locks.structure}
            onClick={() => set('criteria', [...v.criteria, { key: newKey(), name: '', description: '', weight: '1', scaleMin: '1', scaleMax: '10' }])}
          >
            + Add criterion
          </Button>
        </div>
      </Card>

      <Card>
        <CardHeader title="People’s Choice" description="A public vote per category, in its own window; counts stay hidden until results are published." />
        <div className="grid gap-5 p-5 md:grid-cols-3">
          <div className="space-y-3">
            <Toggle name="peoplesChoice" label="People’s Choice vote" hint="One vote per signed-in user per category." checked={v.peoplesChoice} disabled={locks.results} onChange={(c) => set('peoplesChoice', c)} />
            <Toggle name="allowSelfVote" label="Entrants may vote for their own entries" hint="Off: the server refuses a vote for an entry of one’s own." checked={v.peoplesChoice && v.allowSelfVote} disabled={locks.results || !v.peoplesChoice} onChange={(c) => set('allowSelfVote', c)} />
          </div>
          <Field label="Voting opens" name="votingOpensAt" error={err('votingOpensAt')} hint={zoneHint}>
            {(p) => <Input {...p} type="datetime-local" name="votingOpensAt" value={v.votingOpensAt} disabled={!v.peoplesChoice} readOnly={locks.results} onChange={(e) => set('votingOpensAt', e.target.value)} />}
          </Field>
          <Field label="Voting closes" name="votingClosesAt" error={err('votingClosesAt')} hint={zoneHint}>
            {(p) => <Input {...p} type="datetime-local" name="votingClosesAt" value={v.votingClosesAt} disabled={!v.peoplesChoice} readOnly={locks.results} onChange={(e) => set('votingClosesAt', e.target.value)} />}
          </Field>
        </div>
      </Card>

      <div className="sticky bottom-0 -mx-1 flex items-center justify-end gap-3 border-t border-slate-200 bg-slate-50/95 px-1 py-3 backdrop-blur">
        {locks.structure && <p className="mr-auto text-sm text-slate-500">Judging has started: the rubric, categories and submission window are fixed.</p>}
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}

function Toggle({ name, label, hint, checked, disabled, onChange }: { name: string; label: string; hint: string; checked: boolean; disabled?: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className={cn('flex cursor-pointer items-start gap-3 rounded-lg border border-slate-200 p-3', disabled && 'cursor-not-allowed opacity-70')}>
      {/* A disabled checkbox is not submitted: keep its value in a hidden field then. */}
      {disabled && checked && <input type="hidden" name={name} value="on" />}
      <input type="checkbox" name={disabled ? undefined : name} checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} className="mt-0.5 size-4 accent-brand-600" />
      <span>
        <span className="block text-sm font-medium text-slate-800">{label}</span>
        <span className="block text-xs text-slate-500">{hint}</span>
      </span>
    </label>
  );
}

