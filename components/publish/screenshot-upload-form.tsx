'use client';

import { useActionState, useEffect, useRef } from 'react';
import { addScreenshotAction } from '@/lib/server/screenshots/actions/add-screenshot';
import { initialActionState } from '@/lib/core/actions/action-state';
import { FormMessage, Input } from '@/components/ui/field';
import { Button } from '@/components/ui/button';

export function ScreenshotUploadForm({ applianceId, disabled }: { applianceId: string; disabled: boolean }) {
  const [state, action, pending] = useActionState(addScreenshotAction.bind(null, applianceId), initialActionState);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} className="space-y-3 rounded-lg border border-dashed border-slate-300 bg-slate-50/60 p-4">
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <div className="space-y-1.5">
          <label htmlFor="screenshot-image" className="block text-sm font-medium text-slate-800">
            Image
          </label>
          <input
            id="screenshot-image"
            name="image"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            required
            disabled={disabled}
            aria-describedby="screenshot-hint"
            className="block w-full text-sm text-slate-600 file:mr-3 file:rounded-lg file:border-0 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 file:shadow-sm file:ring-1 file:ring-slate-300 hover:file:bg-slate-50"
          />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="screenshot-caption" className="block text-sm font-medium text-slate-800">
            Caption
          </label>
          <Input id="screenshot-caption" name="caption" maxLength={200} placeholder="The admin dashboard after first boot" disabled={disabled} />
        </div>
        <Button type="submit" disabled={pending || disabled}>
          {pending ? 'Uploading…' : 'Add screenshot'}
        </Button>
      </div>
      <p id="screenshot-hint" className="text-xs text-slate-500">
        PNG, JPEG or WebP up to 5 MiB, at least 64×64 pixels. We check the file’s content, strip its metadata and make the thumbnail.
      </p>
      <FormMessage state={state} />
    </form>
  );
}
