'use client';

import { useActionState, useRef } from 'react';
import { updateRequirementsAction } from '@/lib/server/appliances/actions/update-requirements';
import { initialActionState } from '@/lib/core/actions/action-state';
import { Field, FormMessage, Input, Select } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import type { Listing } from '@/lib/core/publishing/api-schemas';
import { OS_FAMILIES } from '@/lib/core/publishing/enums';
import type { InspectionSummary } from '@/lib/core/files/inspection-summary';
import { formatBytes, formatMemory } from '@/lib/core/format';

const GiB = 1024 ** 3;
const gib = (bytes: number | null) => (bytes === null ? '' : String(Number((bytes / GiB).toPrecision(3))));

export function RequirementsForm({ applianceId, requirements, inspection }: { applianceId: string; requirements: Listing['requirements']; inspection: InspectionSummary | null }) {
  const [state, action, pending] = useActionState(updateRequirementsAction.bind(null, applianceId), initialActionState);
  const form = useRef<HTMLFormElement>(null);
  const v = state.values ?? {
    cpus: requirements.cpus?.toString() ?? '',
    memoryMiB: requirements.memoryMiB?.toString() ?? '',
    diskGiB: gib(requirements.diskBytes),
    osFamily: requirements.osFamily ?? '',
    osName: requirements.osName ?? '',
  };
  const f = state.fields ?? {};
  const useInspected = () => {
    const el = form.current;
    if (!el || !inspection) return;
    const set = (name: string, value: string) => {
      const input = el.elements.namedItem(name);
      if (input instanceof HTMLInputElement || input instanceof HTMLSelectElement) input.value = value;
    };
    if (inspection.cpus) set('cpus', String(inspection.cpus));
    if (inspection.memoryMiB) set('memoryMiB', String(inspection.memoryMiB));
    if (inspection.diskBytes) set('diskGiB', gib(inspection.diskBytes));
    if (inspection.osFamily) set('osFamily', inspection.osFamily);
    if (inspection.os) set('osName', inspection.os);
  };
  return (
    <form ref={form} action={action} className="space-y-5" noValidate>
      {inspection && (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-900 ring-1 ring-brand-200">
          <p>
            <span className="font-medium">Found by inspection:</span>{' '}
            {[inspection.cpus && `${inspection.cpus} CPU`, inspection.memoryMiB && `${formatMemory(inspection.memoryMiB)} memory`, inspection.diskBytes && `${formatBytes(inspection.diskBytes)} disk`, inspection.os]
              .filter(Boolean)
              .join(' · ') || 'no hardware figures'}
          </p>
          <Button type="button" variant="secondary" size="sm" onClick={useInspected}>
            Use these values
          </Button>
        </div>
      )}
      <div className="grid gap-5 sm:grid-cols-3">
        <Field label="CPUs" name="cpus" error={f.cpus}>
          {(p) => <Input {...p} name="cpus" inputMode="numeric" defaultValue={v.cpus} placeholder="1" />}
        </Field>
        <Field label="Memory (MiB)" name="memoryMiB" error={f.memoryMiB}>
          {(p) => <Input {...p} name="memoryMiB" inputMode="numeric" defaultValue={v.memoryMiB} placeholder="1024" />}
        </Field>
        <Field label="Disk (GiB)" name="diskGiB" error={f.diskGiB}>
          {(p) => <Input {...p} name="diskGiB" inputMode="decimal" defaultValue={v.diskGiB} placeholder="8" />}
        </Field>
      </div>
      <div className="grid gap-5 sm:grid-cols-3">
        <Field label="OS family" name="osFamily" error={f.osFamily}>
          {(p) => (
            <Select {...p} name="osFamily" defaultValue={v.osFamily}>
              <option value="">Unknown</option>
              {OS_FAMILIES.map((o) => (
                <option key={o} value={o}>
                  {o === 'bsd' ? 'BSD' : o[0].toUpperCase() + o.slice(1)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="sm:col-span-2">
          <Field label="Operating system" name="osName" error={f.osName}>
            {(p) => <Input {...p} name="osName" defaultValue={v.osName} placeholder="Debian GNU/Linux 12 (64-bit)" />}
          </Field>
        </div>
      </div>
      <div className="flex items-center gap-3 border-t border-slate-100 pt-5">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save requirements'}
        </Button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
